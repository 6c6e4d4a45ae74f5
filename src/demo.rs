//! The demo fixture (`demo/fixture.toml`, compiled in): two networks drawn from the seed
//! documents, loaded through the same use cases as everything else. Loading is idempotent: a
//! network whose slug exists is left alone.

use std::collections::HashMap;

use anyhow::{Context, anyhow};
use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use domain::Services;
use domain::calendar;
use domain::consultations;
use domain::identity::{self, NewUser};
use domain::ids::{MembershipId, OrganisationId, UserId};
use domain::meetings::{
    self, AgendaKind, LocationMode, MeetingKind, MeetingVisibility, NewAgendaItem, NewMeeting,
    NewQuestion, QuestionKind, RegistrationSettings, Speaker, series::NewSeries,
};
use domain::people::Sector;
use domain::people::groups::{self, NewGroup};
use domain::people::members;
use domain::people::organisations::{self, NewOrganisation};
use domain::policy::Role;
use domain::showcases::projects::{self, NewProject, ProjectLink};
use domain::showcases::updates::{self, NewUpdate};
use domain::showcases::{AgeGroup, ProjectSector, ProjectStatus};
use domain::tenancy::{self, Language, NewNetwork, TenantScope, Visibility};
use serde::Deserialize;

const FIXTURE: &str = include_str!("../demo/fixture.toml");

#[derive(Deserialize)]
struct Fixture {
    password: String,
    networks: Vec<NetworkFixture>,
}

#[derive(Deserialize)]
struct NetworkFixture {
    slug: String,
    name: String,
    language: String,
    time_zone: String,
    #[serde(default)]
    synonyms: Vec<Vec<String>>,
    organisations: Vec<OrganisationFixture>,
    people: Vec<PersonFixture>,
    #[serde(default)]
    groups: Vec<GroupFixture>,
    #[serde(default)]
    projects: Vec<ProjectFixture>,
    #[serde(default)]
    meetings: Vec<MeetingFixture>,
    #[serde(default)]
    categories: Vec<CategoryFixture>,
    #[serde(default)]
    threads: Vec<ThreadFixture>,
}

#[derive(Deserialize)]
struct CategoryFixture {
    name: String,
    description: String,
}

/// A forum thread in a category or a working group (by name), written by a person (by e-mail).
#[derive(Deserialize)]
struct ThreadFixture {
    #[serde(default)]
    category: Option<String>,
    #[serde(default)]
    group: Option<String>,
    author: String,
    title: String,
    body: String,
    #[serde(default)]
    replies: Vec<ReplyFixture>,
}

#[derive(Deserialize)]
struct ReplyFixture {
    author: String,
    body: String,
    /// The post this reply quotes: 0 is the thread's first post, 1 the first reply, …
    #[serde(default)]
    quote: Option<usize>,
}

#[derive(Deserialize)]
struct OrganisationFixture {
    name: String,
    sector: String,
}

#[derive(Deserialize)]
struct PersonFixture {
    email: String,
    name: String,
    role: String,
    organisation: Option<String>,
    #[serde(default)]
    printed: bool,
}

#[derive(Deserialize)]
struct GroupFixture {
    name: String,
    description: String,
    open: bool,
    members: Vec<String>,
    coordinators: Vec<String>,
}

#[derive(Deserialize)]
struct ProjectFixture {
    title: String,
    owner: String,
    status: String,
    visibility: String,
    tags: Vec<String>,
    summary: String,
    body: String,
    /// `YYYY-MM-DD`.
    #[serde(default)]
    period_start: Option<NaiveDate>,
    #[serde(default)]
    period_end: Option<NaiveDate>,
    #[serde(default)]
    target_group: String,
    #[serde(default)]
    age_groups: Vec<String>,
    #[serde(default)]
    sectors: Vec<String>,
    #[serde(default)]
    municipalities: Vec<String>,
    #[serde(default)]
    funding_source: String,
    #[serde(default)]
    funding_amount: Option<i64>,
    #[serde(default)]
    contact_name: String,
    #[serde(default)]
    contact_email: String,
    #[serde(default)]
    results: String,
    #[serde(default)]
    links: Vec<ProjectLink>,
    /// Partner organisations, by name.
    #[serde(default)]
    partners: Vec<String>,
    #[serde(default)]
    updates: Vec<UpdateFixture>,
}

#[derive(Deserialize)]
struct UpdateFixture {
    title: String,
    body: String,
}

/// A meeting, placed relative to the day the demo is loaded so that it is always upcoming.
#[derive(Deserialize)]
struct MeetingFixture {
    title: String,
    kind: String,
    visibility: String,
    /// Days from today (in the network's time zone).
    in_days: i64,
    /// Local wall-clock times, `HH:MM`.
    start: String,
    end: String,
    location: String,
    #[serde(default)]
    address: String,
    #[serde(default)]
    room: String,
    #[serde(default)]
    online_url: String,
    description: String,
    organisations: Vec<String>,
    contact: Option<String>,
    moderator: Option<String>,
    capacity_room: Option<i32>,
    capacity_online: Option<i32>,
    #[serde(default)]
    waitlist: bool,
    /// Registration closes this many days before, at 10:00 local time.
    deadline_days_before: Option<i64>,
    #[serde(default)]
    agenda: Vec<AgendaFixture>,
    #[serde(default)]
    questions: Vec<QuestionFixture>,
    /// A series: the rule (RRULE), starting at its first occurrence from `in_days` on.
    rule: Option<String>,
    /// Case slots on each occurrence of a consultation meeting.
    #[serde(default)]
    case_slots: i32,
    /// People registered for the first occurrence and approved by an organiser; they and the
    /// named organisers confirm the duty-of-confidentiality declaration.
    #[serde(default)]
    approved: Vec<String>,
    /// People whose registration for the first occurrence awaits approval.
    #[serde(default)]
    pending: Vec<String>,
}

#[derive(Deserialize)]
struct AgendaFixture {
    start: String,
    end: String,
    title: String,
    kind: String,
    #[serde(default)]
    description: String,
    /// `["name", "organisation"]` pairs.
    #[serde(default)]
    speakers: Vec<(String, String)>,
    #[serde(default)]
    selectable: bool,
    capacity: Option<i32>,
}

#[derive(Deserialize)]
struct QuestionFixture {
    kind: String,
    label: String,
    #[serde(default)]
    options: Vec<String>,
    #[serde(default)]
    required: bool,
}

/// Someone to sign in as, printed after loading.
#[derive(Clone, Debug)]
pub struct DemoLogin {
    pub network: String,
    pub email: String,
    pub name: String,
    pub role: Role,
}

/// What loading did.
#[derive(Clone, Debug)]
pub struct DemoSummary {
    pub created: Vec<String>,
    pub password: String,
    pub logins: Vec<DemoLogin>,
}

fn parse<T>(what: &str, value: &str, parse: impl Fn(&str) -> Option<T>) -> anyhow::Result<T> {
    parse(value).ok_or_else(|| anyhow!("the demo fixture has an unknown {what} {value:?}"))
}

/// Loads the fixture: networks that do not exist yet are created with their people, groups and
/// projects (whose indexing jobs the worker then runs).
pub async fn load(svc: &Services) -> anyhow::Result<DemoSummary> {
    let fixture: Fixture = toml::from_str(FIXTURE).context("reading the demo fixture")?;
    let mut summary = DemoSummary {
        created: vec![],
        password: fixture.password.clone(),
        logins: vec![],
    };
    let mut users: HashMap<String, UserId> = HashMap::new();
    for network in &fixture.networks {
        for person in network.people.iter().filter(|p| p.printed) {
            summary.logins.push(DemoLogin {
                network: network.slug.clone(),
                email: person.email.clone(),
                name: person.name.clone(),
                role: parse("role", &person.role, Role::parse)?,
            });
        }
        if tenancy::find_network(svc, &network.slug).await.is_ok() {
            continue;
        }
        load_network(svc, network, &fixture.password, &mut users)
            .await
            .with_context(|| format!("loading the demo network {}", network.slug))?;
        summary.created.push(network.slug.clone());
    }
    Ok(summary)
}

async fn user_id(
    svc: &Services,
    users: &mut HashMap<String, UserId>,
    person: &PersonFixture,
    password: &str,
    language: Language,
) -> anyhow::Result<UserId> {
    if let Some(id) = users.get(&person.email) {
        return Ok(*id);
    }
    let id = match identity::find_user_by_email(svc, &person.email).await {
        Ok(user) => user.id,
        Err(domain::Error::NotFound) => {
            identity::create_user(
                svc,
                NewUser {
                    email: person.email.clone(),
                    display_name: person.name.clone(),
                    password: password.to_owned(),
                    preferred_language: Some(language),
                },
            )
            .await?
            .id
        }
        Err(e) => return Err(e.into()),
    };
    users.insert(person.email.clone(), id);
    Ok(id)
}

async fn load_network(
    svc: &Services,
    n: &NetworkFixture,
    password: &str,
    users: &mut HashMap<String, UserId>,
) -> anyhow::Result<()> {
    let language = parse("language", &n.language, Language::parse)?;
    let network = tenancy::create_network(
        svc,
        NewNetwork {
            slug: n.slug.clone(),
            name: n.name.clone(),
            default_language: language,
            time_zone: n.time_zone.clone(),
        },
    )
    .await?;
    let scope = TenantScope::system(network, "demo");
    for phrases in &n.synonyms {
        domain::search::synonyms::create(svc, &scope, phrases.clone()).await?;
    }

    let mut organisation_ids: HashMap<&str, OrganisationId> = HashMap::new();
    for o in &n.organisations {
        let created = organisations::create(
            svc,
            &scope,
            NewOrganisation {
                name: o.name.clone(),
                sector: parse("sector", &o.sector, Sector::parse)?,
                registry_number: None,
            },
        )
        .await?;
        organisation_ids.insert(o.name.as_str(), created.id);
    }
    let organisation = |name: &str| {
        organisation_ids
            .get(name)
            .copied()
            .ok_or_else(|| anyhow!("the demo fixture names an unknown organisation {name:?}"))
    };

    let mut memberships: HashMap<&str, MembershipId> = HashMap::new();
    for person in &n.people {
        let user = user_id(svc, users, person, password, language).await?;
        let organisation_id = person
            .organisation
            .as_deref()
            .map(organisation)
            .transpose()?;
        let role = parse("role", &person.role, Role::parse)?;
        let membership = members::add(svc, &scope, user, organisation_id, role).await?;
        memberships.insert(person.email.as_str(), membership);
    }

    for g in &n.groups {
        let group = groups::create(
            svc,
            &scope,
            NewGroup {
                name: g.name.clone(),
                description: g.description.clone(),
                is_open: g.open,
            },
        )
        .await?;
        for email in &g.members {
            let membership = memberships
                .get(email.as_str())
                .ok_or_else(|| anyhow!("the group {} names an unknown member {email}", g.name))?;
            groups::add_member(
                svc,
                &scope,
                group.id,
                *membership,
                g.coordinators.contains(email),
            )
            .await?;
        }
    }

    for p in &n.projects {
        let project = projects::create(
            svc,
            &scope,
            NewProject {
                title: p.title.clone(),
                summary: p.summary.clone(),
                body: p.body.trim().to_owned(),
                status: parse("status", &p.status, ProjectStatus::parse)?,
                visibility: parse("visibility", &p.visibility, Visibility::parse)?,
                owner_organisation_id: Some(organisation(&p.owner)?),
                group_id: None,
                tags: p.tags.clone(),
                period_start: p.period_start,
                period_end: p.period_end,
                target_group: p.target_group.clone(),
                age_groups: p
                    .age_groups
                    .iter()
                    .map(|a| parse("age group", a, AgeGroup::parse))
                    .collect::<anyhow::Result<_>>()?,
                sectors: p
                    .sectors
                    .iter()
                    .map(|s| parse("sector", s, ProjectSector::parse))
                    .collect::<anyhow::Result<_>>()?,
                municipalities: p.municipalities.clone(),
                funding_source: p.funding_source.clone(),
                funding_amount: p.funding_amount,
                funding_currency: None,
                contact_name: p.contact_name.clone(),
                contact_email: p.contact_email.clone(),
                results: p.results.trim().to_owned(),
                links: p.links.clone(),
                cover_file_id: None,
                partner_organisation_ids: p
                    .partners
                    .iter()
                    .map(|name| organisation(name))
                    .collect::<anyhow::Result<_>>()?,
            },
        )
        .await?;
        for u in &p.updates {
            updates::post(
                svc,
                &scope,
                project.id,
                NewUpdate {
                    title: u.title.clone(),
                    body: u.body.trim().to_owned(),
                },
            )
            .await?;
        }
    }

    for m in &n.meetings {
        load_meeting(svc, &scope, m, &organisation, users).await?;
    }
    load_forum(svc, &scope, n, users).await?;
    Ok(())
}

/// The forum: categories (by the system), then threads and replies written by their authors.
async fn load_forum(
    svc: &Services,
    scope: &TenantScope,
    n: &NetworkFixture,
    users: &HashMap<String, UserId>,
) -> anyhow::Result<()> {
    use domain::forum::{categories, posts, threads};
    let mut category_ids = HashMap::new();
    for (position, c) in n.categories.iter().enumerate() {
        let created = categories::create(
            svc,
            scope,
            categories::NewCategory {
                name: c.name.clone(),
                description: c.description.clone(),
                position: position as i32,
            },
        )
        .await?;
        category_ids.insert(c.name.as_str(), created.id);
    }
    let group_ids: HashMap<String, domain::ids::GroupId> = groups::all(svc, scope)
        .await?
        .into_iter()
        .map(|g| (g.name, g.id))
        .collect();
    // Each author acts as themselves, as if signed in.
    let as_person = |email: &str| {
        let person = n
            .people
            .iter()
            .find(|p| p.email == email)
            .ok_or_else(|| anyhow!("the forum names an unknown person {email}"))?;
        let id = *users
            .get(email)
            .ok_or_else(|| anyhow!("the forum names an unknown person {email}"))?;
        Ok::<_, anyhow::Error>(identity::CurrentUser {
            id,
            session_id: domain::ids::SessionId::new(),
            email: person.email.clone(),
            display_name: person.name.clone(),
            preferred_language: None,
        })
    };
    let slug = &scope.network().slug;
    for t in &n.threads {
        let author = tenancy::scope_for_user(svc, Some(&as_person(&t.author)?), slug).await?;
        let category_id = match &t.category {
            Some(name) => Some(
                *category_ids
                    .get(name.as_str())
                    .ok_or_else(|| anyhow!("the thread {} names an unknown category", t.title))?,
            ),
            None => None,
        };
        let group_id = match &t.group {
            Some(name) => Some(
                *group_ids
                    .get(name)
                    .ok_or_else(|| anyhow!("the thread {} names an unknown group", t.title))?,
            ),
            None => None,
        };
        let thread = threads::create(
            svc,
            &author,
            threads::NewThread {
                category_id,
                group_id,
                title: t.title.clone(),
                body: t.body.trim().to_owned(),
            },
        )
        .await?;
        let mut post_ids: Vec<domain::ids::PostId> =
            thread.posts.items.iter().map(|p| p.id).collect();
        for r in &t.replies {
            let replier = tenancy::scope_for_user(svc, Some(&as_person(&r.author)?), slug).await?;
            let quoted_post_id = match r.quote {
                Some(i) => Some(
                    *post_ids
                        .get(i)
                        .ok_or_else(|| anyhow!("a reply in {} quotes a later post", t.title))?,
                ),
                None => None,
            };
            let post = posts::reply(
                svc,
                &replier,
                thread.id,
                posts::NewPost {
                    body: r.body.trim().to_owned(),
                    quoted_post_id,
                },
            )
            .await?;
            post_ids.push(post.id);
        }
    }
    Ok(())
}

/// A local time on a day counted from today in the network's zone, in UTC.
fn local_time(scope: &TenantScope, in_days: i64, time: &str) -> anyhow::Result<DateTime<Utc>> {
    let tz = scope.network().time_zone;
    let today = Utc::now().with_timezone(&tz).date_naive();
    let time = NaiveTime::parse_from_str(time, "%H:%M")
        .with_context(|| format!("the demo fixture has a bad time {time:?}"))?;
    let day = today + chrono::Duration::days(in_days);
    calendar::local_to_utc(day.and_time(time), tz)
        .map_err(|code| anyhow!("the demo fixture has an impossible local time ({code})"))
}

/// Days from today to the first date the rule gives on or after `in_days` days from today.
fn first_day_of(scope: &TenantScope, rule: &str, in_days: i64, start: &str) -> anyhow::Result<i64> {
    let tz = scope.network().time_zone;
    let today = Utc::now().with_timezone(&tz).date_naive();
    let rule = calendar::Rule::parse(rule)
        .map_err(|code| anyhow!("the demo fixture has a bad rule ({code})"))?;
    let time = NaiveTime::parse_from_str(start, "%H:%M").context("a bad start time")?;
    // Expand from two months back and take the first occurrence on or after the wanted day.
    let anchor = (today - chrono::Duration::days(62)).and_time(time);
    let from = local_time(scope, in_days, "00:00")?;
    let next = calendar::occurrences(&rule, anchor, tz, from, 1)
        .into_iter()
        .next()
        .ok_or_else(|| anyhow!("the demo rule {rule} gives no date"))?;
    Ok((next.with_timezone(&tz).date_naive() - today).num_days())
}

async fn load_meeting(
    svc: &Services,
    scope: &TenantScope,
    m: &MeetingFixture,
    organisation: &impl Fn(&str) -> anyhow::Result<OrganisationId>,
    users: &HashMap<String, UserId>,
) -> anyhow::Result<()> {
    let person = |email: &Option<String>| -> anyhow::Result<Option<UserId>> {
        email
            .as_ref()
            .map(|e| {
                users
                    .get(e)
                    .copied()
                    .ok_or_else(|| anyhow!("the meeting {} names an unknown person {e}", m.title))
            })
            .transpose()
    };
    // A series starts on the rule's first date from `in_days` on.
    let in_days = match &m.rule {
        Some(rule) => first_day_of(scope, rule, m.in_days, &m.start)?,
        None => m.in_days,
    };
    let closes_at = m
        .deadline_days_before
        .map(|days| local_time(scope, in_days - days, "10:00"))
        .transpose()?;
    let template = NewMeeting {
        kind: parse("meeting kind", &m.kind, MeetingKind::parse)?,
        visibility: parse(
            "meeting visibility",
            &m.visibility,
            MeetingVisibility::parse,
        )?,
        group_id: None,
        title: m.title.clone(),
        description: m.description.trim().to_owned(),
        starts_at: local_time(scope, in_days, &m.start)?,
        ends_at: local_time(scope, in_days, &m.end)?,
        location_mode: parse("location", &m.location, LocationMode::parse)?,
        address: m.address.clone(),
        room: m.room.clone(),
        online_url: m.online_url.clone(),
        registration: RegistrationSettings {
            enabled: true,
            capacity_room: m.capacity_room,
            capacity_online: m.capacity_online,
            waitlist_enabled: m.waitlist,
            closes_at,
            ..RegistrationSettings::default()
        },
        show_participants: false,
        organisation_ids: m
            .organisations
            .iter()
            .map(|name| organisation(name))
            .collect::<anyhow::Result<_>>()?,
        contact_user_id: person(&m.contact)?,
        moderator_user_id: person(&m.moderator)?,
        invitee_user_ids: vec![],
        publish: true,
    };
    let meeting_ids = match &m.rule {
        Some(rule) => {
            let series = meetings::series::create_series(
                svc,
                scope,
                NewSeries {
                    template,
                    rule: rule.clone(),
                    occurrences: None,
                },
            )
            .await?;
            series.occurrences.iter().map(|o| o.id).collect()
        }
        None => vec![meetings::create(svc, scope, template).await?.id],
    };
    for id in &meeting_ids {
        if m.case_slots > 0 {
            consultations::add_slots(svc, scope, *id, m.case_slots).await?;
        }
    }
    let Some(&first) = meeting_ids.first() else {
        return Ok(());
    };
    consultation_flow(svc, scope, m, first, users).await?;
    let meeting = meetings::get(svc, scope, first).await?;
    for item in &m.agenda {
        meetings::agenda::add(
            svc,
            scope,
            meeting.id,
            NewAgendaItem {
                starts_at: local_time(scope, m.in_days, &item.start)?,
                ends_at: local_time(scope, m.in_days, &item.end)?,
                title: item.title.clone(),
                description: item.description.clone(),
                kind: parse("agenda kind", &item.kind, AgendaKind::parse)?,
                speakers: item
                    .speakers
                    .iter()
                    .map(|(name, organisation)| Speaker {
                        name: name.clone(),
                        organisation: organisation.clone(),
                    })
                    .collect(),
                selectable: item.selectable,
                capacity: item.capacity,
            },
        )
        .await?;
    }
    for q in &m.questions {
        meetings::registration_questions::add(
            svc,
            scope,
            meeting.id,
            NewQuestion {
                kind: parse("question kind", &q.kind, QuestionKind::parse)?,
                label: q.label.clone(),
                options: q.options.clone(),
                required: q.required,
            },
        )
        .await?;
    }
    Ok(())
}

/// The consultation flow on a meeting: registrations, the approved ones approved, and the
/// declaration confirmed by them and by the named organisers.
async fn consultation_flow(
    svc: &Services,
    scope: &TenantScope,
    m: &MeetingFixture,
    meeting_id: domain::ids::MeetingId,
    users: &HashMap<String, UserId>,
) -> anyhow::Result<()> {
    if m.approved.is_empty() && m.pending.is_empty() {
        return Ok(());
    }
    let slug = scope.network().slug.clone();
    let as_member = async |email: &str| -> anyhow::Result<TenantScope> {
        let id = *users
            .get(email)
            .ok_or_else(|| anyhow!("the meeting {} names an unknown person {email}", m.title))?;
        let user = identity::CurrentUser {
            id,
            session_id: domain::ids::SessionId::new(),
            email: email.to_owned(),
            display_name: email.to_owned(),
            preferred_language: None,
        };
        Ok(tenancy::scope_for_user(svc, Some(&user), &slug).await?)
    };
    let mode = match parse("location", &m.location, LocationMode::parse)? {
        LocationMode::Hybrid => Some(meetings::AttendanceMode::Room),
        _ => None,
    };
    for email in m.approved.iter().chain(&m.pending) {
        let member = as_member(email).await?;
        meetings::register(
            svc,
            &member,
            meeting_id,
            meetings::NewRegistration {
                attendance_mode: mode,
                ..meetings::NewRegistration::default()
            },
        )
        .await?;
    }
    let registrations = meetings::registrations(svc, scope, meeting_id).await?;
    for email in &m.approved {
        let id = users.get(email).copied();
        if let Some(r) = registrations.iter().find(|r| r.user_id == id) {
            meetings::decide(svc, scope, meeting_id, r.id, true).await?;
        }
    }
    let organisers = [&m.contact, &m.moderator];
    for email in m.approved.iter().chain(organisers.into_iter().flatten()) {
        consultations::declare(svc, &as_member(email).await?, meeting_id).await?;
    }
    Ok(())
}

/// What `demo` and `serve --demo` print.
pub fn describe(summary: &DemoSummary, public_url: &str) -> String {
    let mut text = String::new();
    if summary.created.is_empty() {
        text.push_str("Demo networks already loaded; nothing changed.\n");
    } else {
        text.push_str(&format!(
            "Loaded demo networks: {}\n",
            summary.created.join(", ")
        ));
    }
    text.push_str(&format!(
        "\nSign in at {public_url}/signin with password \"{}\" as:\n",
        summary.password
    ));
    for login in &summary.logins {
        text.push_str(&format!(
            "  {:<30} {:<12} {} ({})\n",
            login.email,
            login.role.as_str(),
            login.name,
            login.network
        ));
    }
    text
}
