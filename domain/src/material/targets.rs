//! What a file is attached to, and who may do what with it: whoever may see the target reads its
//! files; whoever may change the target adds, replaces and deletes them. Files of a consultation
//! meeting and of a case are case material: the consultation rule (`consultations::Standing`)
//! decides who reads and adds them, never the meeting's visibility, and they are never in search.

use sea_orm::ConnectionTrait;
use uuid::Uuid;

use super::TargetKind;
use crate::Services;
use crate::error::{Error, Result};
use crate::ids::{CaseId, GroupId, MeetingId, ProjectId, ThreadId};
use crate::meetings::{MeetingKind, MeetingStatus, MeetingVisibility};
use crate::people::{groups, organisations};
use crate::policy::Action;
use crate::tenancy::{ReadLevel, TenantScope, Visibility};

/// What a file is attached to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Target {
    Project(ProjectId),
    Meeting(MeetingId),
    Thread(ThreadId),
    Group(GroupId),
    Case(CaseId),
}

impl Target {
    pub fn kind(&self) -> TargetKind {
        match self {
            Target::Project(_) => TargetKind::Project,
            Target::Meeting(_) => TargetKind::Meeting,
            Target::Thread(_) => TargetKind::Thread,
            Target::Group(_) => TargetKind::Group,
            Target::Case(_) => TargetKind::Case,
        }
    }

    pub fn id(&self) -> Uuid {
        match self {
            Target::Project(id) => id.0,
            Target::Meeting(id) => id.0,
            Target::Thread(id) => id.0,
            Target::Group(id) => id.0,
            Target::Case(id) => id.0,
        }
    }

    pub fn from_parts(kind: TargetKind, id: Uuid) -> Target {
        match kind {
            TargetKind::Project => Target::Project(ProjectId(id)),
            TargetKind::Meeting => Target::Meeting(MeetingId(id)),
            TargetKind::Thread => Target::Thread(ThreadId(id)),
            TargetKind::Group => Target::Group(GroupId(id)),
            TargetKind::Case => Target::Case(CaseId(id)),
        }
    }

    /// From a request's `target_kind` and `target_id`.
    pub fn parse(kind: &str, id: &str) -> Result<Target> {
        let kind =
            TargetKind::parse(kind).ok_or_else(|| Error::invalid("target_kind", "invalid"))?;
        let id = Uuid::parse_str(id.trim()).map_err(|_| Error::invalid("target_id", "invalid"))?;
        Ok(Target::from_parts(kind, id))
    }

    /// The target's page, relative to the network's root.
    pub fn path(&self) -> String {
        match self {
            Target::Project(id) => format!("projects/{id}"),
            Target::Meeting(id) => format!("meetings/{id}"),
            Target::Thread(id) => format!("threads/{id}"),
            Target::Group(id) => format!("groups/{id}"),
            Target::Case(id) => format!("cases/{id}"),
        }
    }
}

/// A target the actor may see, with what follows from it.
#[derive(Clone, Debug)]
pub(crate) struct Resolved {
    pub can_upload: bool,
    /// How its files appear in search; `None`: not at all.
    pub search: Option<(Visibility, Vec<GroupId>)>,
    /// The owning organisation's name (projects), a search facet.
    pub organisation: Option<String>,
    /// Case material: the consultation meeting it belongs to. Its files pass the identifier
    /// guard, are held back until it has cleared them, and every read is logged.
    pub material: Option<MeetingId>,
}

/// The target if the actor may see it, else `NotFound` (visitors: sign in).
pub(crate) async fn resolve(
    conn: &impl ConnectionTrait,
    scope: &TenantScope,
    target: Target,
) -> Result<Resolved> {
    match target {
        Target::Project(id) => {
            let model = crate::showcases::projects::find_visible(conn, scope, id).await?;
            let owner = organisations::find(conn, scope, model.owner_organisation_id).await?;
            Ok(Resolved {
                can_upload: crate::showcases::projects::can_edit(scope, &model),
                search: Some((model.visibility, model.group_id.into_iter().collect())),
                organisation: Some(owner.name),
                material: None,
            })
        }
        Target::Meeting(id) => {
            let model = crate::meetings::find_visible(conn, scope, id).await?;
            if model.kind == MeetingKind::CaseConsultation {
                let access = crate::consultations::meeting_material(conn, scope, &model).await?;
                return material(scope, access);
            }
            Ok(Resolved {
                can_upload: crate::meetings::is_organiser(scope, &model),
                search: meeting_search(&model),
                organisation: None,
                material: None,
            })
        }
        Target::Case(id) => {
            let access = crate::consultations::case_material(conn, scope, id).await?;
            material(scope, access)
        }
        Target::Thread(id) => {
            let model = crate::forum::find_visible_thread(conn, scope, id).await?;
            let group_ids = match model.group_id {
                Some(group_id) => {
                    let group = groups::find(conn, scope, group_id).await?;
                    if group.is_open {
                        vec![]
                    } else {
                        vec![group_id]
                    }
                }
                None => vec![],
            };
            Ok(Resolved {
                can_upload: crate::forum::can_post(scope, &model),
                search: Some((Visibility::Network, group_ids)),
                organisation: None,
                material: None,
            })
        }
        Target::Group(id) => {
            if scope.read_level() != ReadLevel::Network {
                return Err(scope.outsider_error());
            }
            let group = groups::find(conn, scope, id).await?;
            let coordinates = scope.sees_all_groups()
                || scope
                    .member()
                    .is_some_and(|m| m.coordinated_group_ids.contains(&id));
            let member = scope.group_ids().contains(&id);
            if !(group.is_open || member || coordinates) {
                return Err(Error::NotFound);
            }
            Ok(Resolved {
                can_upload: coordinates || (member && scope.can(Action::UploadFile)),
                search: Some((
                    Visibility::Network,
                    if group.is_open { vec![] } else { vec![id] },
                )),
                organisation: None,
                material: None,
            })
        }
    }
}

/// Case material for those the consultation rule lets read it; `NotFound` for everyone else
/// (visitors: sign in). Never in search.
fn material(scope: &TenantScope, access: crate::consultations::MaterialAccess) -> Result<Resolved> {
    if !access.reads {
        return Err(match scope.actor() {
            crate::tenancy::Actor::Visitor => Error::Unauthenticated,
            _ => Error::NotFound,
        });
    }
    Ok(Resolved {
        can_upload: access.uploads,
        search: None,
        organisation: None,
        material: Some(access.meeting_id),
    })
}

/// As the meeting's own search document: drafts, invited-only meetings and case consultations
/// are not in search, and neither are their files.
fn meeting_search(m: &crate::entities::meeting::Model) -> Option<(Visibility, Vec<GroupId>)> {
    if m.kind == MeetingKind::CaseConsultation || m.status == MeetingStatus::Draft {
        return None;
    }
    match m.visibility {
        MeetingVisibility::Public => Some((Visibility::Public, vec![])),
        MeetingVisibility::Network => Some((Visibility::Network, vec![])),
        MeetingVisibility::Group => Some((Visibility::Network, m.group_id.into_iter().collect())),
        MeetingVisibility::Invited => None,
    }
}

/// May the actor attach files to this target? `NotFound` if they may not even see it.
pub async fn can_upload(svc: &Services, scope: &TenantScope, target: Target) -> Result<bool> {
    Ok(resolve(svc.db.conn(), scope, target).await?.can_upload)
}
