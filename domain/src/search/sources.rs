//! Sources: what decides who may find other documents. A project's visibility and group decide
//! its updates' and files'; a meeting's status, kind, visibility and group decide its files'
//! (its programme and minutes are in its own document); a thread's place decides its replies'
//! and files'; a working group's openness decides its threads' (with their replies and files)
//! and its own files'.
//!
//! Every job that indexes a source (`IndexProject`, `IndexMeeting`, `IndexThread`,
//! `IndexGroup`) runs [`index_source`], which always writes the source and every dependent as
//! they are now, and removes those that may no longer be found — so a write that changes a
//! source's visibility cannot forget a dependent: it only enqueues the source's job.

use crate::Services;
use crate::error::Result;
use crate::ids::{GroupId, MeetingId, ProjectId, ThreadId};
use crate::material::Target;
use crate::tenancy::TenantScope;

/// A document's source: what its visibility follows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Source {
    Project(ProjectId),
    Meeting(MeetingId),
    Thread(ThreadId),
    Group(GroupId),
}

/// Brings the index in line with one source and every document that depends on it.
pub async fn index_source(svc: &Services, scope: &TenantScope, source: Source) -> Result<()> {
    let mut file_targets = Vec::new();
    match source {
        Source::Project(id) => {
            crate::showcases::index_project(svc, scope, id).await?;
            file_targets.push(Target::Project(id));
        }
        Source::Meeting(id) => {
            crate::meetings::index_meeting(svc, scope, id).await?;
            file_targets.push(Target::Meeting(id));
        }
        Source::Thread(id) => {
            crate::forum::index_thread(svc, scope, id).await?;
            file_targets.push(Target::Thread(id));
        }
        Source::Group(id) => {
            let threads = crate::forum::index_group_threads(svc, scope, id).await?;
            file_targets.push(Target::Group(id));
            file_targets.extend(threads.into_iter().map(Target::Thread));
        }
    }
    crate::material::index_files_of(svc, scope, &file_targets).await
}
