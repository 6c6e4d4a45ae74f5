# Samvirke web interface — English.
# Keys built from domain values (role-*, sector-*, error-*, conflict-* …) use the domain's
# stable names; every file defines exactly the same ids.

## Page frame

skip-to-content = Skip to main content
nav-label = Main
nav-my-networks = My networks
nav-home = Network home
nav-projects = Projects
nav-search = Search
nav-groups = Working groups
nav-members = Members
nav-organisations = Organisations
signed-in-as = Signed in as { $name }
sign-in = Sign in
sign-out = Sign out
language-switch-legend = Language
footer-about = Samvirke – working together across sectors for children and young people.
pager-label = More results
pager-next = Next page

## Sign-in

signin-title = Sign in
signin-invitation-hint = New to Samvirke? You get access through an invitation from your network's coordinator.
signin-failed-title = Sign-in failed
signin-wrong = The e-mail address or password is wrong.
signin-rate-limited = Too many sign-in attempts. Wait a minute and try again.

## Invitations

invitation-title = Invitation to { $network }
invitation-intro = The invitation is for { $email }, with the role { $role }.
invitation-has-account = You already have a Samvirke account. Enter your password to join the network.
invitation-new-account = Choose the name others will see, and a password for your new account.
invitation-display-name-hint = Your full name, as colleagues know you.
invitation-password-hint = At least { $min } characters.
invitation-accept = Accept the invitation
invitation-gone-title = This invitation link no longer works
invitation-gone-text = The link has expired, has been replaced by a newer one, or the invitation has already been accepted or withdrawn. Ask the coordinator who invited you to send it again.

## Networks

networks-title = My networks
networks-empty = You are not a member of any network yet.
networks-your-role = Your role: { $role }
home-title = Network home
home-welcome = Welcome, { $name }.
home-links = Shortcuts
home-recent-projects = Recent projects
home-all-projects = See all projects
home-public-projects = Public projects
home-visitor-intro = This is the network's public page. Members sign in to see everything the network shares.
home-guest-intro = You are not a member of this network. You see what it shares with other networks and the public.
home-sign-in-prompt = Sign in as a member

## Members and invitations

members-title = Members
members-caption = Members of the network
members-change = Change
members-save = Save
members-not-editable = Only owners can change this member.
members-no-organisation = No organisation
members-change-failed = The change was not made
invite-title = Invite someone
invite-email-hint = The invitation link is sent to this address.
invite-submit = Send invitation
invitations-title = Invitations
invitations-caption = Invitations sent
invitations-empty = No invitations have been sent.
invitations-expires = Link valid until
invitations-actions = Actions
invitations-resend = Send again
invitations-revoke = Withdraw

## Organisations

organisations-title = Organisations
organisations-caption = Organisations in the network
organisations-empty = No organisations have been added yet.
organisations-create-title = Add an organisation
organisations-create = Add organisation
organisations-registry-hint = For example a CVR number or an organisation number.

## Working groups

groups-title = Working groups
groups-empty = There are no working groups yet.
groups-open = Open to all members
groups-closed = Closed group
groups-open-explained = Any member of the network can join this group.
groups-closed-explained = This group is closed: a coordinator adds its members.
groups-member-count = { $count ->
    [one] { $count } member
   *[other] { $count } members
}
groups-no-members = The group has no members yet.
groups-coordinator = group coordinator
groups-join = Join the group
groups-leave = Leave the group
groups-remove-member = Remove
groups-add-member-title = Add a member
groups-add-member = Add to the group
groups-no-candidates = Every active member of the network is already in the group.
groups-create-title = Create a working group
groups-create = Create group

## Projects

projects-title = Projects
projects-new = New project
projects-create = Create project
projects-save = Save changes
projects-edit = Edit project
projects-edit-title = Edit: { $title }
projects-empty = There are no projects to show.
project-visible-to = Visible to
project-updated = Updated
projects-summary-hint = A few sentences shown in lists and search results.
projects-body-hint = Markdown: # heading, **bold**, *italic*, - list, [link](https://…).
projects-group-hint = Only the group's members and the network's coordinators will see the project.
projects-no-group = Not limited to a group
projects-tags-hint = Separate tags with commas, for example: school, BUP, consent.
projects-no-own-organisation = You are not linked to an organisation. Ask a coordinator to link you to one.

## Search

search-title = Search
search-title-for = Search: { $q }
search-label = Search projects in this network
search-submit = Search
search-count = { $count ->
    [0] No results
    [one] { $count } result
   *[other] { $count } results
}

## Notices after a change

notice-member-updated = The member was updated.
notice-invited = The invitation is on its way.
notice-invitation-resent = A new invitation link is on its way.
notice-invitation-revoked = The invitation was withdrawn.
notice-organisation-created = The organisation was added.
notice-group-created = The working group was created.
notice-group-joined = You joined the group.
notice-group-left = You left the group.
notice-group-member-added = The member was added to the group.
notice-group-member-removed = The member was removed from the group.
notice-project-created = The project was created.
notice-project-saved = Your changes were saved.

## Form fields

field-email = E-mail address
field-password = Password
field-display_name = Name
field-name = Name
field-description = Description
field-is_open = Any member of the network can join
field-role = Role
field-status = Status
field-organisation_id = Organisation
field-owner_organisation_id = Owner organisation
field-sector = Sector
field-registry_number = Registry number
field-title = Title
field-summary = Summary
field-body = Description
field-visibility = Who can see it
field-group_id = Working group
field-tags = Tags
field-q = Search text
field-limit = Page size
field-membership_id = Member
field-is_coordinator = Coordinator of the group
field-optional = (optional)

## Errors

error-prefix = Error:
error-summary-title = There is a problem
error-required = Fill in this field.
error-too_long = The text is too long.
error-too_long-max = The text is too long. Use at most { $max } characters.
error-too_short = The text is too short.
error-invalid = The value is not valid.
error-unknown = Choose one of the options.
error-too_many = There are too many.
error-wrong_password = The password is wrong.
error-not_a_member = You can only choose a working group you are a member of.
error-in_the_past = The date must be in the future.
error-out_of_range = The value is outside the allowed range.
error-tags-too_long = A tag can be at most { $max } characters long.
error-tags-too_many = Use at most { $max } tags.
error-password-too_short = The password must be at least { $min } characters long.

conflict-email_taken = An account with this e-mail address already exists.
conflict-already_member = This person is already a member of the network.
conflict-already_invited = This person has already been invited. You can send the invitation again from the list of invitations.
conflict-last_owner = The network must have at least one active owner.
conflict-name_taken = The name is already in use in this network.
conflict-slug_taken = The address is already in use.
conflict-duplicate = Someone else made the same change at the same time. Reload the page and check.
conflict-not_pending = The invitation has already been accepted or withdrawn.
conflict-member_not_active = The member is not active.
conflict-invitation_pending = The person has not accepted the invitation yet.

error-not-found-title = Page not found
error-not-found-text = There is nothing at this address, or you do not have access to it.
error-forbidden-title = Not allowed
error-forbidden-text = Your role in this network does not allow this.
error-csrf-title = The form has expired
error-csrf-text = For your security the form could not be accepted, and nothing was changed. Reload the page and try again.
error-csrf-reload = Reload the page
error-invalid-title = Check what you entered
error-invalid-text = Some values could not be used.
error-conflict-title = The change was not made
error-conflict-text = The change conflicts with the current state.
error-bad-request-title = The address is not valid
error-bad-request-text = The link or form sent something this site does not understand. Go back and try again.
error-method-title = Not possible here
error-method-text = This address cannot be used that way.
error-too-large-title = Too much text
error-too-large-text = The form sent more than this site accepts. Shorten the text and try again.
error-internal-title = Something went wrong
error-internal-text = An error occurred on our side, and it has been logged. Try again in a moment.
error-home-link = Go to the front page

## Values defined by the domain

role-observer = observer
role-partner = partner
role-member = member
role-coordinator = coordinator
role-owner = owner

member_status-invited = invited
member_status-active = active
member_status-suspended = suspended

invitation_status-pending = waiting for an answer
invitation_status-accepted = accepted
invitation_status-revoked = withdrawn
invitation_status-expired = expired

sector-municipality = municipality
sector-region_hospital = region or hospital
sector-school = school
sector-ngo = voluntary organisation (NGO)
sector-research = research
sector-agency = national agency
sector-user_organisation = user or relatives' organisation
sector-other = other

visibility-network = The network
visibility-shared = All networks
visibility-public = Everyone
visibility-network-hint = Members of this network.
visibility-shared-hint = Members of every network on Samvirke.
visibility-public-hint = Anyone, also without signing in.

project_status-idea = idea
project_status-planning = planning
project_status-running = running
project_status-completed = completed
project_status-evaluated = evaluated

kind-project = Project

language-da = Danish
language-nb = Norwegian (bokmål)
language-sv = Swedish
language-en = English
