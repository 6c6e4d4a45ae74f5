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
home-upcoming-meetings = Upcoming meetings
home-all-meetings = All meetings
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
error-search-unavailable-title = Search is unavailable for now
error-search-unavailable-text = The search engine is not answering at the moment. Everything else works; try searching again in a little while.
error-unavailable-title = Samvirke is unavailable for a moment
error-unavailable-text = A service Samvirke relies on is not answering right now. Try again in a little while.
error-url-too-long-title = The address is too long
error-url-too-long-text = The link is longer than any address on this site. Check it and try again.
error-headers-too-large-title = The request is too large
error-headers-too-large-text = Your browser sent more than this site accepts, often too many cookies. Delete this site's cookies and try again.
error-busy-title = The site is busy
error-busy-text = Too many requests are being handled right now. Try again in a moment.
error-stalled-title = The upload stopped
error-stalled-text = The file stopped arriving. Check your connection and try again.
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

## meetings
# Meetings and events (web/src/meetings, web/templates/meetings).

nav-meetings = Meetings
kind-meeting = Meeting
meetings-title = Meetings
meetings-past-title = Past meetings
meetings-views = Meeting views
meetings-upcoming = Upcoming
meetings-past = Past
meetings-calendar = Calendar
meetings-mine = My meetings
meetings-new = New meeting
meetings-create = Create meeting
meetings-save = Save changes
meetings-empty = There are no upcoming meetings.
meetings-past-empty = There are no past meetings.
meetings-calendar-title = Calendar: { $month }
meetings-month-nav = Other months
meetings-calendar-count = { $count ->
    [0] No meetings this month
    [one] { $count } meeting this month
   *[other] { $count } meetings this month
}
meetings-continues = continued
meetings-mine-title = My meetings
meetings-mine-empty = You have not registered for any meetings.
meetings-see-upcoming = See the upcoming meetings.
meetings-my-status = Your registration
meetings-long-date = { $weekday } { $day } { $month } { $year }
meetings-date = Date
meetings-time = Time
meetings-when = When
meetings-where = Where
meetings-organisers = Organised by
meetings-contact = Contact person
meetings-online-link = Join online
meetings-add-to-calendar = Add to your calendar (.ics)
meetings-manage = Manage the meeting
meetings-manage-title = Manage: { $title }
meetings-manage-sections = Sections of this page
meetings-cancelled-text = This meeting has been cancelled.
meetings-draft-text = This meeting is a draft: only its organisers can see it.
meetings-programme = Programme
meetings-programme-empty = The programme is empty.
meetings-parallel = parallel sessions
meetings-session-choose = chosen when registering
meetings-session-full = full
meetings-places-left = { $left } of { $capacity } places left
meetings-places-room = { $left } of { $capacity } places left in the room
meetings-places-online = { $left } of { $capacity } places left online
meetings-registration = Registration
meetings-registration-opens = Registration opens { $date } at { $time }.
meetings-registration-closed = Registration is closed.
meetings-deadline = Register by { $date } at { $time }.
meetings-full-text = The meeting is full.
meetings-full-waitlist = The meeting is full. If you register, you are put on the waiting list and told by e-mail when a place becomes free.
meetings-waitlist-only = waiting list only
meetings-attend-room = In the room
meetings-attend-online = Online
meetings-session-slot = Choose a session, { $time }
meetings-session-none = No session
meetings-choose-any = Choose as many as apply.
meetings-register = Register
meetings-join-waitlist = Join the waiting list
meetings-my-registration = Your registration
meetings-waitlist-position = number { $position } on the waiting list
meetings-pending-text = An organiser will approve your registration. You will get an e-mail.
meetings-waitlisted-text = You will get an e-mail if a place becomes free.
meetings-my-sessions = Your sessions:
meetings-my-breakout-group = Your group
meetings-cancel-mine = Cancel my registration
meetings-guest-intro = You can register without an account. We will e-mail you a link to confirm your registration.
meetings-guest-email-hint = The confirmation link is sent to this address.
meetings-guest-rate-limited = Too many registrations have been sent from your connection. Try again later.
meetings-member-sign-in = Are you a member of the network?
meetings-sign-in-to-register = Sign in to register
meetings-participants = { $count ->
    [one] { $count } participant
   *[other] { $count } participants
}
meetings-no-participants = Nobody has registered yet.
meetings-check-mail-title = Check your e-mail
meetings-check-mail-text = We have sent you an e-mail with a link. Open it within 24 hours to confirm your registration; until then your place is held for you.
meetings-check-mail-waitlisted = The meeting is full, so you are on the waiting list once you confirm.
meetings-check-mail-spam = If the e-mail does not arrive within a few minutes, look in your spam folder.
meetings-confirm-title = Confirm your registration
meetings-confirm-text = Press the button to confirm your registration for the meeting.
meetings-confirm-button = Confirm my registration
meetings-confirm-gone-title = This link no longer works
meetings-confirm-gone-text = The link has expired or has already been used. If your registration was not confirmed within 24 hours, register again from the meeting's page.
meetings-section-what = What
meetings-section-who = Visibility
meetings-section-when = When
meetings-section-where = Where
meetings-section-registration = Registration
meetings-section-publish = Publishing
meetings-zone-hint = Times are in the network's time zone ({ $zone }).
meetings-no-group = Not limited to a group
meetings-group-hint = Only for meetings of a working group.
meetings-invitees-hint = For meetings only for invited people: tick the members who are invited.
meetings-address-hint = Street address, postcode and town. Needed for meetings in a room.
meetings-online-url-hint = The link to the video meeting (https://…). Only registered participants see it.
meetings-capacity-hint = Leave empty for no limit.
meetings-waitlist-hint = When the meeting is full, more people can join a waiting list and move up when places become free.
meetings-opens-hint = Leave empty to open registration when the meeting is published.
meetings-closes-hint = The deadline. Leave empty to allow registration until the meeting starts.
meetings-cutoff-hint = Participants can cancel until then. Leave empty to allow it until the meeting starts.
meetings-approval-hint = Registrations wait until an organiser approves them.
meetings-terms-hint = Terms participants must accept, for example about photos or data. Leave empty for none.
meetings-show-participants-hint = Registered participants see who else is coming.
meetings-publish-hint = Otherwise the meeting is saved as a draft that only organisers see.
meetings-details = Details
meetings-status-title = Status
meetings-status-hint = Publishing makes the meeting visible and opens registration. Cancelling e-mails everyone registered.
meetings-cancel-confirm = Cancel the meeting? Everyone registered or on the waitlist is e-mailed at once.
meetings-publish = Publish
meetings-unpublish = Make it a draft again
meetings-complete = Mark as held
meetings-cancel-meeting = Cancel the meeting
meetings-session = Session
meetings-session-capacity = session, { $capacity } places
meetings-session-unlimited = session, no limit
meetings-remove = Remove
meetings-add-item = Add to the programme
meetings-speakers-hint = One speaker a line: name, organisation.
meetings-selectable-hint = Parallel sessions that start at the same time are chosen between when registering.
meetings-item-capacity-hint = Only for sessions. Leave empty for no limit.
meetings-questions = Registration questions
meetings-questions-empty = There are no questions.
meetings-required = required
meetings-add-question = Add a question
meetings-options-hint = For choices: one option a line.
meetings-registrations = Registrations
meetings-registrations-empty = Nobody has registered yet.
meetings-export-csv = Download the registrations (CSV)
meetings-sessions = Sessions
meetings-answers = Answers
meetings-guest = guest
meetings-approve = Approve
meetings-reject = Reject
meetings-cancel-registration = Cancel
meetings-attendance = Attendance
meetings-attendance-legend = Tick those who came
meetings-attendance-empty = There are no registered participants yet.
meetings-save-attendance = Save attendance

notice-meeting-created = The meeting was created. Add the programme and publish it when it is ready.
notice-meeting-saved = Your changes were saved.
notice-meeting-published = The meeting was published.
notice-meeting-cancelled = The meeting was cancelled, and those registered are being told.
notice-meeting-completed = The meeting was marked as held.
notice-meeting-unpublished = The meeting is a draft again.
notice-meeting-item-added = The programme item was added.
notice-meeting-item-removed = The programme item was removed.
notice-meeting-question-added = The question was added.
notice-meeting-question-removed = The question was removed.
notice-meeting-approved = The registration was approved.
notice-meeting-rejected = The registration was rejected.
notice-meeting-registration-cancelled-by-organiser = The registration was cancelled.
notice-meeting-attendance-saved = The attendance was saved.
notice-meeting-registered = You are registered. A confirmation is on its way to your e-mail.
notice-meeting-waitlisted = The meeting is full: you are on the waiting list.
notice-meeting-pending = Your registration awaits approval by an organiser.
notice-meeting-registration-cancelled = Your registration was cancelled.
notice-meeting-guest-confirmed = Your registration is confirmed. See you there!
notice-meeting-guest-pending = Your e-mail address is confirmed. Your registration awaits approval by an organiser.

field-kind = Type of meeting
field-starts_at = Starts
field-ends_at = Ends
field-location_mode = Held
field-address = Address
field-room = Room
field-online_url = Online meeting link
field-registration_enabled = People register for this meeting
field-capacity_room = Places in the room
field-capacity_online = Places online
field-waitlist_enabled = Waiting list when full
field-registration_opens_at = Registration opens
field-registration_closes_at = Registration deadline
field-cancellation_cutoff_at = Cancellation possible until
field-requires_approval = Registrations need approval
field-terms = Terms
field-show_participants = Show the list of participants
field-publish = Publish now
field-invitee_user_ids = Invited people
field-attendance_mode = How you take part
field-session_ids = Sessions
field-accept_terms = I accept the terms
field-organisation = Organisation
field-required = (required)
field-item_title = Title
field-item_kind = Type
field-item_date = Date
field-item_starts_at = Starts
field-item_ends_at = Ends
field-item_description = Description
field-item_speakers = Speakers
field-item_selectable = Parallel session participants choose
field-item_capacity = Places in the session
field-question_label = Question
field-question_kind = Type of answer
field-question_options = Options
field-question_required = An answer is required

error-before_start = The end must be after the start.
error-session_full = A session you chose is full. Choose another.
error-overlapping = You chose sessions that overlap in time.
error-not_offered = This meeting does not offer that.
error-before_opening = The deadline must be after registration opens.
error-after_meeting = The deadline must be before the meeting ends.
error-after_start = Must be before the meeting starts.
error-only_for_group_visibility = A group can only be chosen for meetings of a working group.
error-outside_meeting = The item must be within the meeting's time.
error-only_for_sessions = Only parallel sessions have their own number of places.
error-only_for_choices = Only questions with choices have options.
error-too_few = Give at least two options.
error-unknown_question = The question no longer exists. Reload the page.
error-invalid_local_time = This time does not exist.
error-date_and_time = Enter both a date and a time.

conflict-meeting_full = The meeting is full.
conflict-registration_closed = Registration is closed.
conflict-registration_not_open = Registration has not opened yet.
conflict-meeting_cancelled = The meeting has been cancelled.
conflict-meeting_not_published = The meeting has not been published yet.
conflict-registration_not_offered = This meeting does not take registrations.
conflict-already_registered = You are already registered for this meeting.
conflict-cancellation_closed = It is too late to cancel. Contact the organisers.
conflict-not_pending_approval = The registration is no longer awaiting approval.
conflict-status_change_not_allowed = The meeting cannot be changed to that status.
conflict-too_many_questions = The meeting has as many questions as it can have.
conflict-already_cancelled = The registration has already been cancelled.
conflict-not_registered = The person is not registered (any more).
conflict-sign_out_to_register_as_guest = You are signed in: register as a member instead.

meeting_kind-case_consultation = case consultation
meeting_kind-workshop = workshop
meeting_kind-webinar = webinar
meeting_kind-theme_meeting = theme meeting
meeting_kind-collaboration_day = collaboration day
meeting_kind-information_meeting = information meeting
meeting_kind-group_meeting = working group meeting

meeting_status-draft = draft
meeting_status-published = published
meeting_status-cancelled = cancelled
meeting_status-completed = held

meeting_visibility-public = Everyone
meeting_visibility-network = The network
meeting_visibility-group = One working group
meeting_visibility-invited = Invited people only
meeting_visibility-public-hint = Anyone, also without signing in, can see the meeting and register.
meeting_visibility-network-hint = Members of this network.
meeting_visibility-group-hint = Members of the working group chosen below.
meeting_visibility-invited-hint = Only the members ticked below.

location_mode-physical = In a room
location_mode-online = Online
location_mode-hybrid = In a room and online

agenda_kind-plenary = plenary
agenda_kind-talk = talk
agenda_kind-panel = panel debate
agenda_kind-group_work = group work
agenda_kind-break = break

question_kind-text = free text
question_kind-single_choice = one choice
question_kind-multiple_choice = several choices

registration_status-unconfirmed = awaiting e-mail confirmation
registration_status-pending_approval = awaiting approval
registration_status-registered = registered
registration_status-waitlisted = on the waiting list
registration_status-cancelled = cancelled
registration_status-rejected = rejected

attendance_mode-room = in the room
attendance_mode-online = online

action_status-open = open
action_status-done = done
action_status-dropped = dropped

meetings-feed-title = Subscribe in your calendar
meetings-feed-intro = Your own calendar address shows the meetings you can see in your networks, and it keeps itself up to date in Outlook, Google Calendar or your phone's calendar.
meetings-feed-url = Your calendar address
meetings-feed-url-hint = Copy it into your calendar program as a calendar subscription. It is shown only now: keep it to yourself, since anyone with it sees your meetings.
meetings-feed-exists = You made your calendar address on { $date }. It is shown only once.
meetings-feed-create = Make my calendar address
meetings-feed-reset = Make a new calendar address
meetings-feed-reset-hint = Lost the address, or has someone else got it? Make a new one; the old one stops working at once.
meetings-feed-network = The network's public meetings are also a calendar anyone can subscribe to:
meetings-feed-network-link = public calendar (.ics)
meetings-mode-column = Takes part

meetings-series-new = New series
meetings-series-create = Create the series
meetings-series-intro = A series is a meeting that repeats. Fill in the first meeting; the others are made from it, each of which can later be changed or cancelled on its own.
meetings-section-repeat = Repeats
meetings-repeat-hint = The times of each meeting stay the same in the network's time zone, also across summer and winter time.
field-rule_choice = Repeats
field-rule = Your own rule (RRULE)
meetings-rule-hint = Only when "Another rule" is chosen above, for example FREQ=MONTHLY;BYDAY=2WE for the second Wednesday of every month.
field-occurrences = Number of meetings
meetings-occurrences-hint = How many meetings to make, at most 52.
meetings-rule-weekly = Every week
meetings-rule-biweekly = Every other week
meetings-rule-first = The first { $weekday } of every month
meetings-rule-last = The last { $weekday } of every month
meetings-rule-monthly = Every month on the same date
meetings-rule-custom = Another rule (write it below)
meetings-series-title = Series: { $title }
meetings-series-repeats = Repeats
meetings-series-next = Next meetings
meetings-series-link = Part of a series: see all its dates
notice-series-created = The series was created.
error-invalid_rule = The rule is not one this site understands.
error-unsupported_frequency = Meetings cannot repeat more often than daily.

meetings-minutes = Minutes
meetings-minutes-saved-at = Last saved { $at }.
meetings-minutes-guarded = Case consultations are about a child: write nothing that identifies the child or the family. Names, CPR numbers, addresses, phone numbers and e-mail addresses are refused.
meetings-save-minutes = Save the minutes
meetings-action-items = Action items
meetings-action-items-empty = There are no action items.
meetings-action-carried = carried over
meetings-add-action = Add an action item
meetings-save-status = Save
meetings-confirmed-hint = Tick only if you have checked that what was found is not a name or an address.
meetings-breakouts = Breakout groups
meetings-breakouts-empty = There are no breakout groups.
meetings-group-size = { $size } of { $capacity } places taken
meetings-group-size-unlimited = { $size } in the group
meetings-auto-assign-title = Fill the groups automatically
meetings-auto-assign-hint = Everyone registered who has no group gets one, by their wishes where there is room.
meetings-auto-assign = Fill the groups
meetings-assign-caption = Participants and their groups
meetings-breakout-group = Group
meetings-no-breakout-group = No group
meetings-assign = Save
meetings-add-group = Add a group
meetings-no-preference = No wish
meetings-breakout-preference-hint = The organisers try to give you the group you want.
field-minutes = Minutes
field-decisions = Decisions
field-confirmed = What was found is not a name or an address
field-action_text = Action
field-action_owner = Who follows up
field-action_due_on = Due
field-group_name = Name of the group
field-group_facilitator = Facilitator
field-group_capacity = Places in the group
field-mix_sectors = Mix sectors: spread people from the same sector over the groups
field-breakout_preferences = Group you want to join
notice-meeting-minutes-saved = The minutes were saved.
notice-meeting-action-added = The action item was added.
notice-meeting-action-saved = The action item was saved.
notice-meeting-group-added = The group was added.
notice-meeting-group-removed = The group was removed.
notice-meeting-assigned = The group was saved.
notice-meeting-auto-assigned = { $assigned } got a group; { $unassigned } without a group (every group is full).
conflict-group_full = The group is full.
error-contains_cpr = Contains a CPR number. Remove it.
error-contains_national_id_no = Contains a Norwegian national identity number. Remove it.
error-contains_personnummer = Contains a Swedish personal identity number. Remove it.
error-contains_email = Contains an e-mail address. Remove it.
error-contains_phone = Contains a phone number. Remove it.
error-possible_name = This may contain a person's name. Remove it, or confirm below that it is not a name.
error-possible_address = This may contain an address. Remove it, or confirm below that it is not an address.
error-possible_national_id = This may be a mistyped national identity number. Remove it, or confirm below that it is not one.

meetings-weekday-1 = Monday
meetings-weekday-2 = Tuesday
meetings-weekday-3 = Wednesday
meetings-weekday-4 = Thursday
meetings-weekday-5 = Friday
meetings-weekday-6 = Saturday
meetings-weekday-7 = Sunday
meetings-weekday-short-1 = Mon
meetings-weekday-short-2 = Tue
meetings-weekday-short-3 = Wed
meetings-weekday-short-4 = Thu
meetings-weekday-short-5 = Fri
meetings-weekday-short-6 = Sat
meetings-weekday-short-7 = Sun
meetings-month-1 = January
meetings-month-2 = February
meetings-month-3 = March
meetings-month-4 = April
meetings-month-5 = May
meetings-month-6 = June
meetings-month-7 = July
meetings-month-8 = August
meetings-month-9 = September
meetings-month-10 = October
meetings-month-11 = November
meetings-month-12 = December

## consultations
# Case consultations: slots, cases, consent and the access log (web/src/consultations).

cases-nav = Cases
cases-case = Case
cases-title = Cases – { $meeting }
cases-intro = Practitioners book a slot and submit a case for the group to discuss. A case is anonymous unless the family has given consent. Only the submitter, the organisers and the meeting's registered participants can read it, and every read is logged.
cases-slots-title = Case slots
cases-slots-caption = The meeting's case slots
cases-no-slots = The organisers have not opened any case slots yet.
cases-all-booked = Every slot is booked.
cases-slot = Slot
cases-slot-number = Slot { $number }
cases-slot-free = Free
cases-slot-booked = Booked
cases-slot-mine = Booked by you
cases-actions = Actions
cases-book = Book and submit a case
cases-open-case = Open the case
cases-slots-count = Number of new slots
cases-slots-count-hint = The new slots are numbered on from the last one.
cases-slots-add = Add slots
cases-slots-out_of_range = A meeting can have at most { $max } slots.
cases-list-title = Cases
cases-logged-hint = Your reading of these cases is recorded in their access logs.
cases-yours = yours
cases-age-years = { $band } years
cases-new-title = Submit a case
cases-edit-title = Edit the case
cases-anonymous-guidance = Describe the child or young person so that nobody can tell who it is: an age band instead of a birth date, no names, addresses, schools or other details that identify the family.
cases-guard-guidance = Personal identification numbers (CPR, fødselsnummer, personnummer), e-mail addresses and phone numbers are refused.
cases-age-hint = Never a birth date.
cases-sectors-other-hint = Other services already involved, separated by commas.
cases-concern-hint = What worries you, described without anything that identifies the child.
cases-question-hint = What would you like the group to help with?
cases-consent-title = Consent
cases-consent-only-hint = Fill this in only for a case with consent. The consent record documents who gave consent, to what and for how long.
cases-consent-on-case-page = Consent is recorded and withdrawn on the case's page.
cases-consent-scope-hint = The information the consent covers.
cases-consent-services-hint = One service per line – services, not named people.
cases-consent-valid-hint = Required when consent is given.
cases-consent-oral-hint = Only for oral consent: who recorded it, and when it was given.
cases-date = Date
cases-time = Time
cases-confirm-explained = Something in a field above may be a person's name or a street address. Check the field; if it is neither, confirm and send again.
cases-confirm = I confirm this is not a name or an address
cases-submit = Submit the case
cases-save = Save changes
cases-submitted = Submitted
cases-edit = Edit the case
cases-withdraw = Withdraw the case
cases-consents-title = Consent
cases-no-consents = No consent has been recorded.
cases-consent-recorded = recorded by { $by }, { $at }
cases-consent-withdrawn-at = Withdrawn
cases-consent-withdraw = Record that the consent was withdrawn
cases-consent-record-title = Record a consent or a refusal
cases-consent-record = Record
cases-access-title = Access log
cases-access-hint = Everyone who has read or changed the case.
cases-access-caption = Reads and changes of the case
cases-access-when = When
cases-access-who = Who
cases-access-what = What
cases-notice-submitted = The case has been submitted. The organisers have been told that a case came in, without its content.
cases-notice-saved = The case has been saved.
cases-notice-withdrawn = The case has been withdrawn and its text deleted.
cases-notice-slots = The slots have been added.
cases-notice-consent = The consent record has been saved.
cases-notice-consent-withdrawn = The withdrawal has been recorded.

field-case_slot = Slot
field-case_age_band = Age band
field-case_sectors = Sectors already involved
field-case_sectors_other = Other sectors
field-case_concern = The concern
field-case_tried = What has been tried
field-case_question = The question to the group
field-case_mode = How the case is discussed
field-consent_decision = Consent
field-consent_given_by = Given by
field-consent_scope = Information covered
field-consent_receiving_services = Receiving services
field-consent_purpose = Purpose
field-consent_valid_until = Valid until
field-consent_form = Form
field-consent_recorded_by = Recorded by
field-consent_recorded_at = Given at

case_mode-anonymous = Anonymous
case_mode-with_consent = With consent
case_mode-anonymous-hint = The default. Nothing in the case identifies the child.
case_mode-with_consent-hint = The family has consented to the case being discussed; a consent record is required.
case_details-shown = Shown
case_details-consent_withdrawn = Consent withdrawn: the case's details are hidden.
case_details-consent_expired = Consent expired: the case's details are hidden.
case_details-consent_missing = No valid consent: the case's details are hidden.
case_details-purged = The retention period has ended and the case's text has been deleted.
consent_decision-given = Consent given
consent_decision-refused = Consent refused
consent_giver-parent_or_guardian = Parent or guardian
consent_giver-young_person = The young person
consent_form-written = Written
consent_form-oral = Oral
consent_status-valid = valid
consent_status-withdrawn = withdrawn
consent_status-expired = expired
consent_status-refused = refused
case_access-read = read
case_access-submit = submitted
case_access-update = changed
case_access-consent = recorded consent
case_access-consent_withdrawn = recorded a withdrawal
case_access-withdraw = withdrew the case

cases-error-contains_cpr = Contains a CPR number. Remove it: a case must not identify the child.
cases-error-contains_national_id_no = Contains a Norwegian national identity number (fødselsnummer or D-number). Remove it.
cases-error-contains_personnummer = Contains a Swedish personal identity number. Remove it.
cases-error-contains_email = Contains an e-mail address. Remove it.
cases-error-contains_phone = Contains a phone number. Remove it.
cases-error-possible_name = This may contain a person's name. Remove it, or confirm below that it is not a name.
cases-error-possible_address = This may contain a street address. Remove it, or confirm below that it is not an address.
cases-error-possible_national_id = This may be a mistyped national identity number. Remove it, or confirm below that it is not one.
cases-error-consent_refused = A case with consent needs a consent that was given. Choose anonymous, or record the consent.
cases-error-consent_required = The case has no valid consent. Record one on the case's page first.
cases-conflict-slot_taken = Someone else booked that slot a moment ago. Choose another.
cases-conflict-no_free_slot = Every slot of this meeting is booked.
cases-conflict-meeting_started = The meeting has begun; cases can no longer be submitted or changed.
cases-conflict-meeting_cancelled = The meeting is cancelled.
cases-conflict-meeting_not_published = The meeting is not published yet.
cases-conflict-case_purged = The case's text has been deleted after the retention period.
cases-conflict-already_withdrawn = The consent was already withdrawn.
cases-conflict-not_given = Only a given consent can be withdrawn.
cases-conflict-not_a_consultation = Only case consultations have case slots.

## notifications
# Following, notifications, mail settings and unsubscribing (web/src/notifications).

notifications-follow = Follow
notifications-unfollow = Unfollow
notifications-nav = Notifications
notifications-unread-count = { $count } unread
notifications-title = Notifications
notifications-empty = Nothing new. Follow a thread, a group or a project to hear of what happens there.
notifications-unread = Unread
notifications-mark-read = Mark as read
notifications-mark-all-read = Mark all as read
notifications-by = by { $name }
notifications-kind-new_thread = New thread
notifications-kind-new_post = New reply
notifications-kind-mention = You were mentioned
notifications-kind-project_update = Project update
notifications-settings-title = Mail about notifications
notifications-mail-mode = How would you like to be told by mail?
notifications-mail-mode-immediate = At once, one mail for each
notifications-mail-mode-daily = A daily digest (at 07:00)
notifications-mail-mode-weekly = A weekly digest (Mondays at 07:00)
notifications-mail-mode-off = No mail
notifications-settings-save = Save
notifications-notice-saved = Your mail setting was saved.
notifications-notice-read = Marked as read.
notifications-unsubscribe-title = Stop notification mail
notifications-unsubscribe-intro = Stop all notification mail from { $network }? You still see your notifications when you sign in, and you can turn mail on again there.
notifications-unsubscribe-button = Stop mail
notifications-unsubscribe-done = You will get no more notification mail from { $network }. You can turn it on again under Notifications when you sign in.

## search-ui
# The search page with facets and the synonyms page (web/src/search, web/templates/search*.html).

search-sort = Sort
search-sort-relevance = Best match
search-sort-newest = Newest first
search-library = Project library (all networks)
search-library-hint = Also search the projects other networks share.
search-facets = Narrow down
search-facet-any = Any
search-facets-apply = Apply
search-facet-kind = Type
search-facet-status = Status
search-facet-sector = Sector
search-facet-organisation = Organisation
search-facet-tag = Tag
search-facet-year = Year
search-from-network = from { $network }
search-synonyms-link = Synonyms and abbreviations
kind-project_update = Project update
kind-thread = Thread
kind-post = Post
kind-file = File
search-synonyms-title = Synonyms and abbreviations
search-synonyms-intro = Searching for one phrase of a line also finds the others, for example BUP and child and adolescent psychiatry. Changes apply once the content is indexed again, usually within a minute.
search-synonyms-empty = The network has no synonyms yet.
search-synonyms-caption = The network's synonyms
search-synonyms-column = Phrases that mean the same
search-synonyms-add-title = Add synonyms
search-synonyms-phrases = Phrases
search-synonyms-phrases-hint = Separate the phrases with commas, for example: BUP, børne- og ungdomspsykiatri
search-synonyms-add = Add
search-synonyms-delete = Delete
search-synonyms-delete-label = Delete { $phrases }
search-synonyms-created = The synonyms were added.
search-synonyms-deleted = The synonyms were deleted.
search-synonyms-error-required = Write at least two phrases separated by commas.
search-synonyms-error-too_few = Write at least two phrases separated by commas.
search-synonyms-error-too_many = Use at most 20 phrases in one line.
search-synonyms-error-duplicate = The same phrase appears twice.
search-synonyms-error-invalid = Each phrase must contain a word.
conflict-too_many_synonyms = The network already has 500 lines of synonyms. Delete some first.

## forum

nav-forum = Forum
forum-title = Forum
forum-replies = { $count ->
    [one] { $count } reply
   *[other] { $count } replies
}
forum-locked = Locked
forum-closed-group = Closed group
forum-moderation-title = Moderation
forum-no-categories = The forum has no categories yet. A coordinator creates them.
forum-no-threads = No threads yet.
forum-new-thread = Start a thread
forum-start-thread = Start the thread
forum-group-threads = Threads
forum-new-category = New category
forum-create-category = Create category
forum-edit-category = Edit category
forum-save-category = Save category
forum-delete-category = Delete category
forum-delete-category-explained = Only a category without threads can be deleted.
forum-delete-category-confirm = Yes, delete the category
forum-position-hint = Categories with a lower number come first.
field-position = Order
field-category_id = Category
field-reason = Reason
field-quoted_post_id = Quoted post
forum-field-post = Your post
forum-markdown-hint = You can use Markdown. Mention a member by writing @ and their name as the network shows it, e.g. @Anna Hansen.
forum-started-by = Started by { $name }
forum-manage-thread = Manage the thread
forum-rename = Rename
forum-lock = Lock the thread
forum-unlock = Unlock the thread
forum-posts-label = Posts
forum-edited = edited
forum-hidden = Hidden
forum-hidden-by-moderator = Hidden by a moderator.
forum-hidden-reason = reason: { $reason }
forum-quote-wrote = { $name } wrote:
forum-quote = Quote
forum-edit = Edit
forum-flag = Flag
forum-flagged = You have flagged this post.
forum-flag-reason = Why should a moderator look at this post?
forum-flag-send = Send to the moderators
forum-hide = Hide
forum-hide-confirm = Hide the post
forum-restore = Restore
forum-restore-confirm = Restore the post
forum-reply = Reply
forum-send-reply = Send reply
forum-locked-explained = This thread is locked and takes no new posts.
forum-cannot-reply = Only members of the working group can reply here.
forum-quoting = You are quoting { $name }.
forum-quote-remove = Do not quote
forum-edit-title = Edit post
forum-edit-hint = The earlier text is kept in the post's history.
forum-save-post = Save post
forum-cancel = Cancel
forum-back-to-thread = Back to the thread
forum-history-title = Edit history
forum-history-current = Current text
forum-history-none = The post has not been edited.
forum-history-replaced = Replaced by { $name }
forum-open-flags = Open flags
forum-no-flags = No posts are flagged.
forum-log-title = Moderation log
forum-log-empty = No moderation actions yet.
forum-col-when = When
forum-col-thread = Thread
forum-col-flagged-by = Flagged by
forum-col-who = Who
forum-col-action = Action
forum-action-hide = Hid a post
forum-action-restore = Restored a post
forum-action-lock = Locked the thread
forum-action-unlock = Unlocked the thread
forum-action-move = Moved the thread
forum-notice-created = The thread has been started.
forum-notice-replied = Your reply has been posted.
forum-notice-edited = The post has been saved.
forum-notice-renamed = The thread has been renamed.
forum-notice-flagged = Thank you. The moderators have been told.
forum-notice-hidden = The post has been hidden.
forum-notice-restored = The post has been restored.
forum-notice-locked = The thread has been locked.
forum-notice-unlocked = The thread has been unlocked.
forum-notice-category-created = The category has been created.
forum-notice-category-saved = The category has been saved.
forum-notice-category-deleted = The category has been deleted.
error-taken = The name is already in use.
conflict-thread_locked = The thread is locked and takes no new posts.
conflict-already_flagged = You have already flagged this post.
conflict-category_not_empty = The category still has threads and cannot be deleted.

## material
material-title = Files
material-none = No files yet.
material-download = Download
material-status-pending = text being read
material-status-pending-explained = The file's text is being read for search; this takes a moment.
material-status-done = read
material-status-failed = the text could not be read: { $reason }
material-reason-unknown = unknown reason
material-upload-label = Add a file
material-upload-hint = PDF, Word (DOCX), PowerPoint (PPTX), Excel (XLSX), OpenDocument (ODT, ODP), images (PNG, JPEG, GIF, WebP), text or Markdown; at most { $max } MB.
material-upload = Upload
material-error-quota_exceeded = The network's storage is full: { $used } of { $quota } are used. Delete files you no longer need, or ask the network's owner for more room.
material-error-too_large = The file is too large; at most { $max } MB.
material-error-unsupported_type = This kind of file cannot be uploaded, or its content does not match its name.
material-error-incomplete = The file did not arrive in full. Try uploading it again.
material-error-required = Choose a file.
material-error-too_long = The file's name is too long.
material-error-invalid = The file's name is not valid.
material-notice-uploaded = The file was uploaded.
material-notice-deleted = The file was deleted.
material-notice-replaced = A new version was uploaded.
material-versions = Versions
material-version = Version
material-name = Name
material-size = Size
material-uploaded = Uploaded
material-text = Text for search
material-replace-title = Upload a new version
material-replace-label = New version
material-replace = Upload new version
material-delete = Delete file
material-target-project = Project
material-target-meeting = Meeting
material-target-thread = Thread
material-target-group = Working group

## showcases-full
# Projects in full: fields, partners, updates, the public showcase and the project library
# (web/src/showcases, web/templates/project*.html, showcase.html).
nav-showcase = Showcase
nav-library = Project library
field-period_start = Start date
field-period_end = End date
field-target_group = Target group
field-age_groups = Age groups
field-sectors = Sectors
field-municipalities = Municipalities
field-funding_source = Funding source
field-funding_amount = Amount
field-funding_currency = Currency
field-contact_name = Contact person
field-contact_email = Contact person's work e-mail
field-results = Results and evaluation
field-links = Links
field-cover_file_id = Cover image
field-partner_organisation_ids = Partner organisations
error-negative = The amount cannot be negative.
error-invalid_url = Each link must be a web address starting with http:// or https://.
age_group-0-5 = 0–5 years
age_group-6-12 = 6–12 years
age_group-13-17 = 13–17 years
age_group-18-25 = 18–25 years
project_sector-social_services = social services
project_sector-child_psychiatry = child and adolescent psychiatry
project_sector-school = school
project_sector-health = health
project_sector-ngo = voluntary organisation (NGO)
project_sector-research = research
project_sector-agency = national agency
showcases-form-about = About the project
showcases-form-who = Who owns and sees it
showcases-form-scope = Period, target group and place
showcases-form-funding = Funding and contact
showcases-form-results = Results, links and cover
showcases-date-hint = For example 2025-08-01.
showcases-municipalities-hint = Separate municipalities with commas, for example: Aarhus, Randers.
showcases-amount-hint = Whole amount without decimals, for example 450000.
showcases-currency-default = The network's currency
showcases-contact-email-hint = A work address, shown to everyone who can see the project.
showcases-links-hint = One link per line: title | https://… (or just the address).
showcases-cover-hint = One of the project's images, shown at the top of its page.
showcases-no-cover = No cover image
showcases-cover-alt = Cover image of { $title }
showcases-period = Period
showcases-funding = Funding
showcases-contact = Contact
showcases-network = Network
showcases-updates-title = Updates
showcases-updates-none = No updates yet.
showcases-updates-more = Older updates
showcases-update-new = Post an update
showcases-update-post = Post update
showcases-update-delete = Delete update
showcases-notice-update-posted = The update has been posted. Those who follow the project are told.
showcases-notice-update-deleted = The update has been deleted.
showcases-showcase-title = Showcase
showcases-showcase-intro = The network's public projects. Anyone can read them.
showcases-library-title = Project library
showcases-library-intro = Projects that networks share with each other, with the network that owns each one.
showcases-filter-label = Filter projects
showcases-filter-legend = Filter
showcases-filter-all = All
showcases-filter-municipality = Municipality
showcases-filter-apply = Show projects
showcases-filter-clear = Clear filters
showcases-results = Projects
showcases-none = There are no projects to show yet.
showcases-none-filtered = No projects match the filters.

## groups-meetings
groups-meetings-title = The group's meetings
groups-meetings-empty = The group has no upcoming meetings.
groups-meetings-past = Recent meetings

## showcases-update-edit
showcases-update-edit = Edit update
showcases-update-edit-title = Edit update
showcases-update-save = Save update
showcases-update-cancel = Cancel
showcases-notice-update-saved = The update has been saved.

## Case material: the declaration, receiving organisations, files held by the identifier guard
case_details-restricted = A case is in this slot; you are not among those who read it.
field-consent_receiving_organisations = Receiving organisations
cases-consent-organisations-hint = Only approved participants from the organisations you tick see the case's details. Describe the services further below if needed.
cases-conflict-not_an_approved_participant = Only the meeting's organisers and approved participants confirm the declaration.
conflict-kind_locked = The meeting already has cases, files or minutes, so it cannot change to or from a case consultation.
conflict-members_only = Only members of the network can register for a case consultation.
cases-declaration-title = Duty of confidentiality
cases-declaration-text = Before you see any case of this meeting, confirm that you know your duty of confidentiality and will keep what is said about the cases within this meeting.
cases-declaration-confirm = I confirm my duty of confidentiality
cases-declaration-done = You have confirmed your duty of confidentiality for this meeting.
cases-declarations-title = Confirmed declarations
cases-declarations-none = No one has confirmed the declaration yet.
cases-notice-declared = Your declaration is recorded.
material-guard-pending = Being checked for identifiers – visible to others once cleared.
material-guard-blocked = Deleted: the file held an identifier ({ $kind }). Remove it and upload again.
material-guard-needs_confirmation = No text could be checked. Confirm that the file holds no identifiers before others see it.
material-guard-confirm = It holds no identifiers
material-notice-confirmed = Thank you – the file is now visible to the meeting's readers.
