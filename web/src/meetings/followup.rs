//! After and around the meeting, on the organisers' page: the minutes with decisions and
//! action items, and the breakout groups (made, filled by hand, or filled automatically from
//! the participants' wishes, mixing sectors when asked).

use chrono::NaiveDate;
use domain::ids::{ActionItemId, BreakoutGroupId, RegistrationId};
use domain::meetings::ActionStatus;
use domain::meetings::breakouts::{self, NewBreakoutGroup};
use domain::meetings::minutes::{self, ActionItemPatch, NewActionItem};
use poem::handler;

use super::manage::{
    ActionForm, Failed, GroupForm, MinutesForm, State, back, organised, refused, render,
};
use super::{parse_count, prefixed_failure};
use crate::context::Ctx;
use crate::errors::WebError;
use crate::forms::form_failure;
use crate::render::PageResult;

#[handler]
pub(crate) async fn save_minutes(ctx: &Ctx) -> PageResult {
    let scope = ctx.scope()?;
    let meeting = organised(ctx).await?;
    let form = MinutesForm {
        minutes: ctx.form.get("minutes").to_owned(),
        decisions: ctx.form.get("decisions").to_owned(),
        confirmed: ctx.form.get("minutes_confirmed") == "1",
    };
    let saved = minutes::save_minutes(
        ctx.svc(),
        scope,
        meeting.id,
        form.minutes.clone(),
        form.decisions.clone(),
        form.confirmed,
    )
    .await;
    match saved {
        Ok(_) => Ok(back(ctx, &meeting, "minutes", "minutes")),
        Err(err) => {
            let (status, errors) = form_failure(ctx, err, &["minutes", "decisions"])?;
            let state = State {
                minutes: Some(form),
                ..State::failed(Failed::Minutes, errors)
            };
            render(ctx, status, meeting, state).await
        }
    }
}

fn due_on(value: &str) -> Result<Option<NaiveDate>, domain::Error> {
    match value.trim() {
        "" => Ok(None),
        value => NaiveDate::parse_from_str(value, "%Y-%m-%d")
            .map(Some)
            .map_err(|_| domain::Error::invalid("due_on", "invalid")),
    }
}

#[handler]
pub(crate) async fn add_action(ctx: &Ctx) -> PageResult {
    let scope = ctx.scope()?;
    let meeting = organised(ctx).await?;
    let form = ActionForm {
        text: ctx.form.get("action_text").to_owned(),
        owner: ctx.form.get("action_owner").to_owned(),
        due_on: ctx.form.get("action_due_on").to_owned(),
        confirmed: ctx.form.get("action_confirmed") == "1",
    };
    let result = match due_on(&form.due_on) {
        Ok(due_on) => {
            let input = NewActionItem {
                text: form.text.clone(),
                owner: form.owner.clone(),
                due_on,
                confirmed: form.confirmed,
            };
            minutes::add_action_item(ctx.svc(), scope, meeting.id, input).await
        }
        Err(err) => Err(err),
    };
    match result {
        Ok(_) => Ok(back(ctx, &meeting, "action_added", "minutes")),
        Err(err) => {
            let (status, errors) =
                prefixed_failure(ctx, err, "action_", &["text", "owner", "due_on"])?;
            let state = State {
                action: Some(form),
                ..State::failed(Failed::ActionItem, errors)
            };
            render(ctx, status, meeting, state).await
        }
    }
}

/// An action item's status (open, done, dropped).
#[handler]
pub(crate) async fn update_action(ctx: &Ctx) -> PageResult {
    let scope = ctx.scope()?;
    let meeting = organised(ctx).await?;
    let id: ActionItemId = ctx.id("action_id")?;
    let Some(status) = ActionStatus::parse(ctx.form.get("status")) else {
        return Err(WebError::BadRequest);
    };
    let patch = ActionItemPatch {
        status: Some(status),
        ..ActionItemPatch::default()
    };
    match minutes::update_action_item(ctx.svc(), scope, meeting.id, id, patch).await {
        Ok(_) => Ok(back(ctx, &meeting, "action_saved", "minutes")),
        Err(err) => refused(ctx, meeting, err).await,
    }
}

#[handler]
pub(crate) async fn add_group(ctx: &Ctx) -> PageResult {
    let scope = ctx.scope()?;
    let meeting = organised(ctx).await?;
    let form = GroupForm {
        name: ctx.form.get("group_name").to_owned(),
        facilitator: ctx.form.get("group_facilitator").to_owned(),
        capacity: ctx.form.get("group_capacity").to_owned(),
    };
    let mut problems = Vec::new();
    let capacity = parse_count(&form.capacity, "capacity", &mut problems);
    let result = if problems.is_empty() {
        let input = NewBreakoutGroup {
            name: form.name.clone(),
            facilitator: form.facilitator.clone(),
            capacity,
        };
        breakouts::create_group(ctx.svc(), scope, meeting.id, input).await
    } else {
        Err(domain::Error::Invalid(problems))
    };
    match result {
        Ok(_) => Ok(back(ctx, &meeting, "group_added", "breakouts")),
        Err(err) => {
            let (status, errors) =
                prefixed_failure(ctx, err, "group_", &["name", "facilitator", "capacity"])?;
            let state = State {
                group: Some(form),
                ..State::failed(Failed::Group, errors)
            };
            render(ctx, status, meeting, state).await
        }
    }
}

#[handler]
pub(crate) async fn remove_group(ctx: &Ctx) -> PageResult {
    let scope = ctx.scope()?;
    let meeting = organised(ctx).await?;
    let id: BreakoutGroupId = ctx.id("group_id")?;
    match breakouts::delete_group(ctx.svc(), scope, meeting.id, id).await {
        Ok(()) => Ok(back(ctx, &meeting, "group_removed", "breakouts")),
        Err(err) => refused(ctx, meeting, err).await,
    }
}

/// Puts one participant in a group, or takes them out of theirs.
#[handler]
pub(crate) async fn assign(ctx: &Ctx) -> PageResult {
    let scope = ctx.scope()?;
    let meeting = organised(ctx).await?;
    let Ok(registration) = ctx.form.get("registration_id").parse::<RegistrationId>() else {
        return Err(domain::Error::NotFound.into());
    };
    let group = match ctx.form.get("group_id") {
        "" => None,
        value => match value.parse::<BreakoutGroupId>() {
            Ok(id) => Some(id),
            Err(_) => {
                return refused(ctx, meeting, domain::Error::invalid("group_id", "unknown")).await;
            }
        },
    };
    match breakouts::assign(ctx.svc(), scope, meeting.id, registration, group).await {
        Ok(()) => Ok(back(ctx, &meeting, "assigned", "breakouts")),
        Err(err) => refused(ctx, meeting, err).await,
    }
}

/// Fills the groups with everyone registered who has none.
#[handler]
pub(crate) async fn auto_assign(ctx: &Ctx) -> PageResult {
    let scope = ctx.scope()?;
    let meeting = organised(ctx).await?;
    let mix = ctx.form.get("mix_sectors") == "1";
    match breakouts::auto_assign(ctx.svc(), scope, meeting.id, mix).await {
        Ok(done) => Ok(back(
            ctx,
            &meeting,
            &format!(
                "auto_assigned&assigned={}&unassigned={}",
                done.assigned, done.unassigned
            ),
            "breakouts",
        )),
        Err(err) => refused(ctx, meeting, err).await,
    }
}
