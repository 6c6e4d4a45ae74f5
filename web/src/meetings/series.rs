//! Series of meetings: the meeting form as a template plus a repeat rule (a choice of common
//! rules, or an RRULE written out), and the series' page listing its dates.

use askama::Template;
use domain::ids::SeriesId;
use domain::meetings::series::{self, NewSeries};
use domain::meetings::{Meeting, NewMeeting};
use domain::policy::Action;
use poem::handler;
use poem::http::StatusCode;

use super::edit::{self, FormChoices, MeetingForm};
use super::{SummaryView, time_zone};
use crate::context::Ctx;
use crate::forms::{FormErrors, form_failure};
use crate::render::{PageResult, page, page_with, see_other};

/// The common rules offered in the select, with the key of their text and its weekday (1 is
/// Monday) where the text names one.
const RULES: &[(&str, &str, u32)] = &[
    ("FREQ=WEEKLY", "meetings-rule-weekly", 0),
    ("FREQ=WEEKLY;INTERVAL=2", "meetings-rule-biweekly", 0),
    ("FREQ=MONTHLY;BYDAY=1MO", "meetings-rule-first", 1),
    ("FREQ=MONTHLY;BYDAY=1TU", "meetings-rule-first", 2),
    ("FREQ=MONTHLY;BYDAY=1WE", "meetings-rule-first", 3),
    ("FREQ=MONTHLY;BYDAY=1TH", "meetings-rule-first", 4),
    ("FREQ=MONTHLY;BYDAY=1FR", "meetings-rule-first", 5),
    ("FREQ=MONTHLY;BYDAY=-1MO", "meetings-rule-last", 1),
    ("FREQ=MONTHLY;BYDAY=-1TU", "meetings-rule-last", 2),
    ("FREQ=MONTHLY;BYDAY=-1WE", "meetings-rule-last", 3),
    ("FREQ=MONTHLY;BYDAY=-1TH", "meetings-rule-last", 4),
    ("FREQ=MONTHLY;BYDAY=-1FR", "meetings-rule-last", 5),
    ("FREQ=MONTHLY", "meetings-rule-monthly", 0),
];

/// The text of a rule in the select ("first Tuesday of every month").
fn rule_text(ctx: &Ctx, key: &str, weekday: u32) -> String {
    if weekday == 0 {
        ctx.t(key)
    } else {
        ctx.t1(
            key,
            "weekday",
            ctx.t(&format!("meetings-weekday-{weekday}")),
        )
    }
}

fn rule_choices(ctx: &Ctx) -> Vec<(String, String)> {
    let mut choices: Vec<(String, String)> = RULES
        .iter()
        .map(|(rule, key, weekday)| ((*rule).to_owned(), rule_text(ctx, key, *weekday)))
        .collect();
    choices.push((String::new(), ctx.t("meetings-rule-custom")));
    choices
}

/// How the series page names a rule: the common rule's text, or the rule itself.
fn describe(ctx: &Ctx, rule: &str) -> String {
    RULES
        .iter()
        .find(|(r, _, _)| *r == rule)
        .map(|(_, key, weekday)| rule_text(ctx, key, *weekday))
        .unwrap_or_else(|| rule.to_owned())
}

#[derive(Template)]
#[template(path = "meetings/series_new.html")]
struct NewSeriesPage<'a> {
    ctx: &'a Ctx,
    form: MeetingForm,
    rule_choice: String,
    rule: String,
    occurrences: String,
    rules: Vec<(String, String)>,
    errors: FormErrors,
    choices: FormChoices,
    zone: String,
}

struct Typed {
    rule_choice: String,
    rule: String,
    occurrences: String,
}

async fn render_new(
    ctx: &Ctx,
    status: StatusCode,
    form: MeetingForm,
    typed: Typed,
    errors: FormErrors,
    choices: FormChoices,
) -> PageResult {
    page_with(
        status,
        &NewSeriesPage {
            ctx,
            form,
            rule_choice: typed.rule_choice,
            rule: typed.rule,
            occurrences: typed.occurrences,
            rules: rule_choices(ctx),
            errors,
            choices,
            zone: time_zone(ctx)?.name().to_owned(),
        },
    )
}

#[handler]
pub(crate) async fn new_form(ctx: &Ctx) -> PageResult {
    ctx.scope()?.require(Action::ManageMeetings)?;
    let choices = FormChoices::load(ctx).await?;
    let typed = Typed {
        rule_choice: "FREQ=MONTHLY;BYDAY=1TU".to_owned(),
        rule: String::new(),
        occurrences: series::DEFAULT_OCCURRENCES.to_string(),
    };
    render_new(
        ctx,
        StatusCode::OK,
        MeetingForm::blank(),
        typed,
        FormErrors::none(),
        choices,
    )
    .await
}

#[handler]
pub(crate) async fn create(ctx: &Ctx) -> PageResult {
    let scope = ctx.scope()?;
    scope.require(Action::ManageMeetings)?;
    let tz = time_zone(ctx)?;
    let choices = FormChoices::load(ctx).await?;
    let mut form = MeetingForm::from_request(ctx);
    form.read_invitees(ctx, &choices.people);
    let typed = Typed {
        rule_choice: ctx.form.get("rule_choice").to_owned(),
        rule: ctx.form.get("rule").to_owned(),
        occurrences: ctx.form.get("occurrences").to_owned(),
    };
    let mut problems = Vec::new();
    let occurrences = super::parse_count(&typed.occurrences, "occurrences", &mut problems)
        .map(|n| u32::try_from(n).unwrap_or(0));
    let rule = match typed.rule_choice.trim() {
        "" => typed.rule.clone(),
        chosen => chosen.to_owned(),
    };
    let result = match edit::parse(tz, &form) {
        Ok(parsed) if problems.is_empty() => {
            let template = NewMeeting {
                kind: parsed.kind,
                visibility: parsed.visibility,
                group_id: parsed.group_id,
                title: form.title.clone(),
                description: form.description.clone(),
                starts_at: parsed.starts_at,
                ends_at: parsed.ends_at,
                location_mode: parsed.location_mode,
                address: form.address.clone(),
                room: form.room.clone(),
                online_url: form.online_url.clone(),
                registration: parsed.registration,
                show_participants: form.show_participants,
                organisation_ids: scope.organisation_id().into_iter().collect(),
                contact_user_id: None,
                moderator_user_id: None,
                invitee_user_ids: parsed.invitees,
                publish: form.publish,
            };
            series::create_series(
                ctx.svc(),
                scope,
                NewSeries {
                    template,
                    rule,
                    occurrences,
                },
            )
            .await
        }
        Ok(_) => Err(domain::Error::Invalid(problems)),
        Err(domain::Error::Invalid(mut more)) => {
            more.extend(problems);
            Err(domain::Error::Invalid(more))
        }
        Err(err) => Err(err),
    };
    match result {
        Ok(created) => Ok(see_other(
            &ctx.network_path(&format!("/meetings/series/{}?notice=created", created.id)),
        )),
        Err(err) => {
            let mut fields = edit::FIELDS.to_vec();
            fields.extend(["rule", "occurrences"]);
            let (status, errors) = form_failure(ctx, err, &fields)?;
            render_new(ctx, status, form, typed, errors, choices).await
        }
    }
}

#[derive(Template)]
#[template(path = "meetings/series.html")]
struct SeriesPage<'a> {
    ctx: &'a Ctx,
    title: String,
    rule: String,
    upcoming: Vec<SummaryView>,
    past: Vec<SummaryView>,
    notice: Option<String>,
}

#[handler]
pub(crate) async fn show(ctx: &Ctx) -> PageResult {
    let scope = ctx.scope()?;
    let id: SeriesId = ctx.id("series_id")?;
    let found = series::series(ctx.svc(), scope, id).await?;
    let tz = time_zone(ctx)?;
    let now = ctx.svc().now();
    let title = found
        .occurrences
        .first()
        .map(|m| m.title.clone())
        .unwrap_or_default();
    let (past, upcoming): (Vec<_>, Vec<_>) =
        found.occurrences.iter().partition(|m| m.ends_at <= now);
    page(&SeriesPage {
        ctx,
        title,
        rule: describe(ctx, &found.rule),
        upcoming: upcoming
            .into_iter()
            .map(|m| SummaryView::new(ctx, tz, m))
            .collect(),
        past: past
            .into_iter()
            .rev()
            .map(|m| SummaryView::new(ctx, tz, m))
            .collect(),
        notice: (ctx.query.get("notice") == "created").then(|| ctx.t("notice-series-created")),
    })
}

/// The link from an occurrence to its series.
pub(crate) fn link(ctx: &Ctx, meeting: &Meeting) -> Option<String> {
    meeting
        .series_id
        .map(|id| ctx.network_path(&format!("/meetings/series/{id}")))
}
