//! Who may do what: one table of role × action, and the checks built on it.
//!
//! Roles are ordered: each includes what the ones below it may do. An organisation's API token
//! acts as a partner of that organisation. What depends on the object (the caller's own
//! organisation, a group's coordinators) is decided by the `check_*` helpers next to the use
//! case, which call [`can`] for the role part.

use crate::macros::string_enum;

string_enum! {
    /// A member's role in one network.
    pub enum Role {
        Observer = "observer",
        Partner = "partner",
        Member = "member",
        Coordinator = "coordinator",
        Owner = "owner",
    }
}

/// Everything that needs a role. The meeting, thread, file and case actions are named now so
/// that the table is complete; their use cases come with their features.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// Read the network's content (network-visible projects, members, groups).
    ReadContent,
    /// Post an update on a project of one's own organisation.
    PostOwnProjectUpdate,
    RegisterForMeeting,
    ReplyInThread,
    /// Create a project, or edit one owned by one's own organisation.
    EditOwnProject,
    StartThread,
    UploadFile,
    SubmitCase,
    /// Members, invitations and roles below coordinator.
    ManagePeople,
    ManageOrganisations,
    ManageGroups,
    ManageTokens,
    ManageMeetings,
    /// Edit or remove anyone's content.
    EditAnyContent,
    Moderate,
    ReadAuditLog,
    /// Network name, language and time zone.
    ManageNetworkSettings,
    /// Make or unmake coordinators and owners.
    ManageCoordinators,
}

impl Action {
    pub const ALL: &'static [Action] = &[
        Action::ReadContent,
        Action::PostOwnProjectUpdate,
        Action::RegisterForMeeting,
        Action::ReplyInThread,
        Action::EditOwnProject,
        Action::StartThread,
        Action::UploadFile,
        Action::SubmitCase,
        Action::ManagePeople,
        Action::ManageOrganisations,
        Action::ManageGroups,
        Action::ManageTokens,
        Action::ManageMeetings,
        Action::EditAnyContent,
        Action::Moderate,
        Action::ReadAuditLog,
        Action::ManageNetworkSettings,
        Action::ManageCoordinators,
    ];

    /// The lowest role that may do this.
    pub fn minimum_role(self) -> Role {
        use Action::*;
        match self {
            ReadContent => Role::Observer,
            PostOwnProjectUpdate | RegisterForMeeting | ReplyInThread => Role::Partner,
            EditOwnProject | StartThread | UploadFile | SubmitCase => Role::Member,
            ManagePeople | ManageOrganisations | ManageGroups | ManageTokens | ManageMeetings
            | EditAnyContent | Moderate | ReadAuditLog => Role::Coordinator,
            ManageNetworkSettings | ManageCoordinators => Role::Owner,
        }
    }
}

/// May a holder of `role` do `action`?
pub fn can(role: Role, action: Action) -> bool {
    role >= action.minimum_role()
}

#[cfg(test)]
mod tests {
    use super::*;
    use Action::*;
    use Role::*;

    /// The table of the issue, written out: each row is a role and what it may do; everything
    /// not listed is refused.
    #[test]
    fn role_by_action_table() {
        let observer: &[Action] = &[ReadContent];
        let partner: &[Action] = &[
            ReadContent,
            PostOwnProjectUpdate,
            RegisterForMeeting,
            ReplyInThread,
        ];
        let member: &[Action] = &[
            ReadContent,
            PostOwnProjectUpdate,
            RegisterForMeeting,
            ReplyInThread,
            EditOwnProject,
            StartThread,
            UploadFile,
            SubmitCase,
        ];
        let coordinator: &[Action] = &[
            ReadContent,
            PostOwnProjectUpdate,
            RegisterForMeeting,
            ReplyInThread,
            EditOwnProject,
            StartThread,
            UploadFile,
            SubmitCase,
            ManagePeople,
            ManageOrganisations,
            ManageGroups,
            ManageTokens,
            ManageMeetings,
            EditAnyContent,
            Moderate,
            ReadAuditLog,
        ];
        let table: &[(Role, &[Action])] = &[
            (Observer, observer),
            (Partner, partner),
            (Member, member),
            (Coordinator, coordinator),
            (Owner, Action::ALL),
        ];
        for (role, allowed) in table {
            for action in Action::ALL {
                assert_eq!(
                    can(*role, *action),
                    allowed.contains(action),
                    "{role} × {action:?}"
                );
            }
        }
    }
}
