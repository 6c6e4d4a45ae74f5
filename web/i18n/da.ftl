# Samvirkes webgrænseflade — dansk.
# Nøgler bygget af domænets værdier (role-*, sector-*, error-*, conflict-* …) bruger domænets
# faste navne; alle filer definerer præcis de samme id'er.

## Sidens ramme

skip-to-content = Gå til hovedindholdet
nav-label = Hovedmenu
nav-my-networks = Mine netværk
nav-home = Netværkets forside
nav-projects = Projekter
nav-search = Søg
nav-groups = Arbejdsgrupper
nav-members = Medlemmer
nav-organisations = Organisationer
signed-in-as = Logget ind som { $name }
sign-in = Log ind
sign-out = Log ud
language-switch-legend = Sprog
footer-about = Samvirke – tværsektorielt samarbejde om børn og unge.
pager-label = Flere resultater
pager-next = Næste side

## Log ind

signin-title = Log ind
signin-invitation-hint = Ny på Samvirke? Du får adgang gennem en invitation fra dit netværks koordinator.
signin-failed-title = Du blev ikke logget ind
signin-wrong = E-mailadressen eller adgangskoden er forkert.
signin-rate-limited = For mange forsøg på at logge ind. Vent et minut, og prøv igen.

## Invitationer

invitation-title = Invitation til { $network }
invitation-intro = Invitationen gælder { $email } med rollen { $role }.
invitation-has-account = Du har allerede en konto på Samvirke. Skriv din adgangskode for at blive medlem af netværket.
invitation-new-account = Vælg det navn, andre skal se, og en adgangskode til din nye konto.
invitation-display-name-hint = Dit fulde navn, som dine kolleger kender dig.
invitation-password-hint = Mindst { $min } tegn.
invitation-accept = Tag imod invitationen
invitation-gone-title = Invitationslinket virker ikke længere
invitation-gone-text = Linket er udløbet eller erstattet af et nyere, eller invitationen er allerede taget imod eller trukket tilbage. Bed den koordinator, der inviterede dig, om at sende den igen.

## Netværk

networks-title = Mine netværk
networks-empty = Du er endnu ikke medlem af et netværk.
networks-your-role = Din rolle: { $role }
home-title = Netværkets forside
home-welcome = Velkommen, { $name }.
home-links = Genveje
home-recent-projects = Nyeste projekter
home-all-projects = Se alle projekter
home-upcoming-meetings = Kommende møder
home-all-meetings = Alle møder
home-public-projects = Offentlige projekter
home-visitor-intro = Dette er netværkets offentlige side. Medlemmer logger ind for at se alt, hvad netværket deler.
home-guest-intro = Du er ikke medlem af dette netværk. Du ser det, netværket deler med andre netværk og offentligheden.
home-sign-in-prompt = Log ind som medlem

## Medlemmer og invitationer

members-title = Medlemmer
members-caption = Netværkets medlemmer
members-change = Ændr
members-save = Gem
members-not-editable = Kun ejere kan ændre dette medlem.
members-no-organisation = Ingen organisation
members-change-failed = Ændringen blev ikke gennemført
invite-title = Inviter en person
invite-email-hint = Invitationslinket sendes til denne adresse.
invite-submit = Send invitation
invitations-title = Invitationer
invitations-caption = Sendte invitationer
invitations-empty = Der er ikke sendt nogen invitationer.
invitations-expires = Linket gælder til
invitations-actions = Handlinger
invitations-resend = Send igen
invitations-revoke = Træk tilbage

## Organisationer

organisations-title = Organisationer
organisations-caption = Netværkets organisationer
organisations-empty = Der er endnu ikke tilføjet nogen organisationer.
organisations-create-title = Tilføj en organisation
organisations-create = Tilføj organisation
organisations-registry-hint = For eksempel et CVR-nummer eller et organisationsnummer.

## Arbejdsgrupper

groups-title = Arbejdsgrupper
groups-empty = Der er endnu ingen arbejdsgrupper.
groups-open = Åben for alle medlemmer
groups-closed = Lukket gruppe
groups-open-explained = Alle netværkets medlemmer kan melde sig ind i gruppen.
groups-closed-explained = Gruppen er lukket: en koordinator tilføjer dens medlemmer.
groups-member-count = { $count ->
    [one] { $count } medlem
   *[other] { $count } medlemmer
}
groups-no-members = Gruppen har endnu ingen medlemmer.
groups-coordinator = gruppekoordinator
groups-join = Meld dig ind i gruppen
groups-leave = Forlad gruppen
groups-remove-member = Fjern
groups-add-member-title = Tilføj et medlem
groups-add-member = Tilføj til gruppen
groups-no-candidates = Alle netværkets aktive medlemmer er allerede med i gruppen.
groups-create-title = Opret en arbejdsgruppe
groups-create = Opret gruppe

## Projekter

projects-title = Projekter
projects-new = Nyt projekt
projects-create = Opret projekt
projects-save = Gem ændringer
projects-edit = Rediger projektet
projects-edit-title = Rediger: { $title }
projects-empty = Der er ingen projekter at vise.
project-visible-to = Synlig for
project-updated = Opdateret
projects-summary-hint = Et par sætninger, der vises i lister og søgeresultater.
projects-body-hint = Markdown: # overskrift, **fed**, *kursiv*, - punktliste, [link](https://…).
projects-group-hint = Kun gruppens medlemmer og netværkets koordinatorer kan se projektet.
projects-no-group = Ikke begrænset til en gruppe
projects-tags-hint = Adskil emneord med komma, for eksempel: skole, BUP, samtykke.
projects-no-own-organisation = Du er ikke knyttet til en organisation. Bed en koordinator om at knytte dig til en.

## Søgning

search-title = Søg
search-title-for = Søgning: { $q }
search-label = Søg i netværkets projekter
search-submit = Søg
search-count = { $count ->
    [0] Ingen resultater
    [one] { $count } resultat
   *[other] { $count } resultater
}

## Beskeder efter en ændring

notice-member-updated = Medlemmet er opdateret.
notice-invited = Invitationen er på vej.
notice-invitation-resent = Et nyt invitationslink er på vej.
notice-invitation-revoked = Invitationen er trukket tilbage.
notice-organisation-created = Organisationen er tilføjet.
notice-group-created = Arbejdsgruppen er oprettet.
notice-group-joined = Du er meldt ind i gruppen.
notice-group-left = Du har forladt gruppen.
notice-group-member-added = Medlemmet er tilføjet til gruppen.
notice-group-member-removed = Medlemmet er fjernet fra gruppen.
notice-project-created = Projektet er oprettet.
notice-project-saved = Dine ændringer er gemt.

## Formularfelter

field-email = E-mailadresse
field-password = Adgangskode
field-display_name = Navn
field-name = Navn
field-description = Beskrivelse
field-is_open = Alle netværkets medlemmer kan melde sig ind
field-role = Rolle
field-status = Status
field-organisation_id = Organisation
field-owner_organisation_id = Ejerorganisation
field-sector = Sektor
field-registry_number = Registreringsnummer
field-title = Titel
field-summary = Resumé
field-body = Beskrivelse
field-visibility = Hvem kan se det
field-group_id = Arbejdsgruppe
field-tags = Emneord
field-q = Søgetekst
field-limit = Antal pr. side
field-membership_id = Medlem
field-is_coordinator = Koordinator for gruppen
field-optional = (valgfrit)

## Fejl

error-prefix = Fejl:
error-summary-title = Der er et problem
error-required = Udfyld feltet.
error-too_long = Teksten er for lang.
error-too_long-max = Teksten er for lang. Brug højst { $max } tegn.
error-too_short = Teksten er for kort.
error-invalid = Værdien er ikke gyldig.
error-unknown = Vælg en af mulighederne.
error-too_many = Der er for mange.
error-wrong_password = Adgangskoden er forkert.
error-not_a_member = Du kan kun vælge en arbejdsgruppe, du er medlem af.
error-in_the_past = Datoen skal ligge i fremtiden.
error-out_of_range = Værdien er uden for det tilladte område.
error-tags-too_long = Et emneord må højst være { $max } tegn langt.
error-tags-too_many = Brug højst { $max } emneord.
error-password-too_short = Adgangskoden skal være på mindst { $min } tegn.

conflict-email_taken = Der findes allerede en konto med denne e-mailadresse.
conflict-already_member = Personen er allerede medlem af netværket.
conflict-already_invited = Personen er allerede inviteret. Du kan sende invitationen igen fra listen over invitationer.
conflict-last_owner = Netværket skal have mindst én aktiv ejer.
conflict-name_taken = Navnet er allerede i brug i netværket.
conflict-slug_taken = Adressen er allerede i brug.
conflict-duplicate = En anden lavede samme ændring på samme tid. Genindlæs siden, og kontrollér resultatet.
conflict-not_pending = Invitationen er allerede taget imod eller trukket tilbage.
conflict-member_not_active = Medlemmet er ikke aktivt.
conflict-invitation_pending = Personen har endnu ikke taget imod invitationen.

error-not-found-title = Siden findes ikke
error-not-found-text = Der er intet på denne adresse, eller du har ikke adgang til det.
error-forbidden-title = Ikke tilladt
error-forbidden-text = Din rolle i netværket giver ikke adgang til dette.
error-csrf-title = Formularen er udløbet
error-csrf-text = Af sikkerhedshensyn kunne formularen ikke modtages, og intet er ændret. Genindlæs siden, og prøv igen.
error-csrf-reload = Genindlæs siden
error-invalid-title = Kontrollér det, du har skrevet
error-invalid-text = Nogle af værdierne kunne ikke bruges.
error-conflict-title = Ændringen blev ikke gennemført
error-conflict-text = Ændringen passer ikke med den aktuelle tilstand.
error-bad-request-title = Adressen er ikke gyldig
error-bad-request-text = Linket eller formularen sendte noget, som siden ikke forstår. Gå tilbage, og prøv igen.
error-method-title = Ikke muligt her
error-method-text = Adressen kan ikke bruges på den måde.
error-too-large-title = For meget tekst
error-too-large-text = Formularen sendte mere, end siden kan modtage. Gør teksten kortere, og prøv igen.
error-internal-title = Noget gik galt
error-internal-text = Der opstod en fejl hos os, og den er registreret. Prøv igen om lidt.
error-search-unavailable-title = Søgningen er utilgængelig lige nu
error-search-unavailable-text = Søgemaskinen svarer ikke i øjeblikket. Alt andet virker; prøv at søge igen om lidt.
error-unavailable-title = Samvirke er utilgængelig et øjeblik
error-unavailable-text = En tjeneste, som Samvirke bruger, svarer ikke lige nu. Prøv igen om lidt.
error-url-too-long-title = Adressen er for lang
error-url-too-long-text = Linket er længere end nogen adresse på siden. Tjek det, og prøv igen.
error-headers-too-large-title = Forespørgslen er for stor
error-headers-too-large-text = Din browser sendte mere, end siden kan modtage, ofte for mange cookies. Slet sidens cookies, og prøv igen.
error-busy-title = Siden har travlt
error-busy-text = Der behandles for mange forespørgsler lige nu. Prøv igen om lidt.
error-stalled-title = Overførslen gik i stå
error-stalled-text = Filen holdt op med at komme frem. Tjek din forbindelse, og prøv igen.
error-home-link = Gå til forsiden

## Værdier fra domænet

role-observer = observatør
role-partner = partner
role-member = medlem
role-coordinator = koordinator
role-owner = ejer

member_status-invited = inviteret
member_status-active = aktiv
member_status-suspended = suspenderet

invitation_status-pending = afventer svar
invitation_status-accepted = taget imod
invitation_status-revoked = trukket tilbage
invitation_status-expired = udløbet

sector-municipality = kommune
sector-region_hospital = region eller hospital
sector-school = skole
sector-ngo = frivillig organisation (NGO)
sector-research = forskning
sector-agency = statslig styrelse
sector-user_organisation = bruger- eller pårørendeorganisation
sector-other = andet

visibility-network = Netværket
visibility-shared = Alle netværk
visibility-public = Alle
visibility-network-hint = Medlemmer af dette netværk.
visibility-shared-hint = Medlemmer af alle netværk på Samvirke.
visibility-public-hint = Alle, også uden at logge ind.

project_status-idea = idé
project_status-planning = planlægning
project_status-running = i gang
project_status-completed = afsluttet
project_status-evaluated = evalueret

kind-project = Projekt

language-da = dansk
language-nb = norsk (bokmål)
language-sv = svensk
language-en = engelsk

## meetings
# Møder og arrangementer (web/src/meetings, web/templates/meetings).

nav-meetings = Møder
kind-meeting = Møde
meetings-title = Møder
meetings-past-title = Tidligere møder
meetings-views = Visninger af møder
meetings-upcoming = Kommende
meetings-past = Tidligere
meetings-calendar = Kalender
meetings-mine = Mine møder
meetings-new = Nyt møde
meetings-create = Opret møde
meetings-save = Gem ændringer
meetings-empty = Der er ingen kommende møder.
meetings-past-empty = Der er ingen tidligere møder.
meetings-calendar-title = Kalender: { $month }
meetings-month-nav = Andre måneder
meetings-calendar-count = { $count ->
    [0] Ingen møder i denne måned
    [one] { $count } møde i denne måned
   *[other] { $count } møder i denne måned
}
meetings-continues = fortsat
meetings-mine-title = Mine møder
meetings-mine-empty = Du er ikke tilmeldt nogen møder.
meetings-see-upcoming = Se de kommende møder.
meetings-my-status = Din tilmelding
meetings-long-date = { $weekday } d. { $day }. { $month } { $year }
meetings-date = Dato
meetings-time = Klokkeslæt
meetings-when = Hvornår
meetings-where = Hvor
meetings-organisers = Arrangeret af
meetings-contact = Kontaktperson
meetings-online-link = Deltag online
meetings-add-to-calendar = Føj til din kalender (.ics)
meetings-manage = Administrer mødet
meetings-manage-title = Administrer: { $title }
meetings-manage-sections = Afsnit på denne side
meetings-cancelled-text = Dette møde er aflyst.
meetings-draft-text = Mødet er en kladde: kun arrangørerne kan se det.
meetings-programme = Program
meetings-programme-empty = Programmet er tomt.
meetings-parallel = parallelle sessioner
meetings-session-choose = vælges ved tilmelding
meetings-session-full = fuldt booket
meetings-places-left = { $left } af { $capacity } pladser tilbage
meetings-places-room = { $left } af { $capacity } pladser tilbage i lokalet
meetings-places-online = { $left } af { $capacity } pladser tilbage online
meetings-registration = Tilmelding
meetings-registration-opens = Tilmeldingen åbner { $date } kl. { $time }.
meetings-registration-closed = Tilmeldingen er lukket.
meetings-deadline = Tilmeld dig senest { $date } kl. { $time }.
meetings-full-text = Mødet er fuldt booket.
meetings-full-waitlist = Mødet er fuldt booket. Hvis du tilmelder dig, kommer du på ventelisten og får besked på e-mail, når der bliver en plads ledig.
meetings-waitlist-only = kun venteliste
meetings-attend-room = I lokalet
meetings-attend-online = Online
meetings-session-slot = Vælg en session, { $time }
meetings-session-none = Ingen session
meetings-choose-any = Vælg alle, der passer.
meetings-register = Tilmeld
meetings-join-waitlist = Skriv mig på ventelisten
meetings-my-registration = Din tilmelding
meetings-waitlist-position = nummer { $position } på ventelisten
meetings-pending-text = En arrangør skal godkende din tilmelding. Du får besked på e-mail.
meetings-waitlisted-text = Du får besked på e-mail, hvis der bliver en plads ledig.
meetings-my-sessions = Dine sessioner:
meetings-my-breakout-group = Din gruppe
meetings-cancel-mine = Afmeld mig
meetings-guest-intro = Du kan tilmelde dig uden en konto. Vi sender dig et link på e-mail, så du kan bekræfte tilmeldingen.
meetings-guest-email-hint = Linket til at bekræfte sendes til denne adresse.
meetings-guest-rate-limited = Der er sendt for mange tilmeldinger fra din forbindelse. Prøv igen senere.
meetings-member-sign-in = Er du medlem af netværket?
meetings-sign-in-to-register = Log ind for at tilmelde dig
meetings-participants = { $count ->
    [one] { $count } deltager
   *[other] { $count } deltagere
}
meetings-no-participants = Ingen har tilmeldt sig endnu.
meetings-check-mail-title = Tjek din e-mail
meetings-check-mail-text = Vi har sendt dig en e-mail med et link. Åbn det inden for 24 timer for at bekræfte din tilmelding; indtil da holder vi pladsen til dig.
meetings-check-mail-waitlisted = Mødet er fuldt booket, så du kommer på ventelisten, når du har bekræftet.
meetings-check-mail-spam = Hvis e-mailen ikke kommer inden for et par minutter, så kig i din spam-mappe.
meetings-confirm-title = Bekræft din tilmelding
meetings-confirm-text = Tryk på knappen for at bekræfte din tilmelding til mødet.
meetings-confirm-button = Bekræft min tilmelding
meetings-confirm-gone-title = Linket virker ikke længere
meetings-confirm-gone-text = Linket er udløbet eller allerede brugt. Hvis din tilmelding ikke blev bekræftet inden for 24 timer, så tilmeld dig igen fra mødets side.
meetings-section-what = Hvad
meetings-section-who = Synlighed
meetings-section-when = Hvornår
meetings-section-where = Hvor
meetings-section-registration = Tilmelding
meetings-section-publish = Offentliggørelse
meetings-zone-hint = Tidspunkter er i netværkets tidszone ({ $zone }).
meetings-no-group = Ikke begrænset til en gruppe
meetings-group-hint = Kun for møder i en arbejdsgruppe.
meetings-invitees-hint = For møder kun for inviterede: sæt flueben ved de medlemmer, der er inviteret.
meetings-address-hint = Vej, postnummer og by. Skal udfyldes for møder i et lokale.
meetings-online-url-hint = Linket til videomødet (https://…). Kun tilmeldte deltagere kan se det.
meetings-capacity-hint = Lad feltet stå tomt, hvis der ikke er nogen grænse.
meetings-waitlist-hint = Når mødet er fuldt, kan flere skrive sig på en venteliste og rykke op, når der bliver pladser ledige.
meetings-opens-hint = Lad feltet stå tomt for at åbne tilmeldingen, når mødet offentliggøres.
meetings-closes-hint = Tilmeldingsfristen. Lad feltet stå tomt for at tillade tilmelding, indtil mødet begynder.
meetings-cutoff-hint = Deltagerne kan afmelde sig indtil da. Lad feltet stå tomt for at tillade det, indtil mødet begynder.
meetings-approval-hint = Tilmeldinger venter, indtil en arrangør godkender dem.
meetings-terms-hint = Betingelser, deltagerne skal acceptere, fx om fotos eller data. Lad feltet stå tomt, hvis der ingen er.
meetings-show-participants-hint = Tilmeldte deltagere kan se, hvem der ellers kommer.
meetings-publish-hint = Ellers gemmes mødet som en kladde, som kun arrangørerne kan se.
meetings-details = Oplysninger
meetings-status-title = Status
meetings-status-hint = Når mødet offentliggøres, bliver det synligt, og tilmeldingen åbner. Aflyses det, får alle tilmeldte en e-mail.
meetings-cancel-confirm = Aflyse mødet? Alle tilmeldte og alle på ventelisten får straks en e-mail.
meetings-publish = Offentliggør
meetings-unpublish = Gør det til en kladde igen
meetings-complete = Markér som afholdt
meetings-cancel-meeting = Aflys mødet
meetings-session = Session
meetings-session-capacity = session, { $capacity } pladser
meetings-session-unlimited = session, ingen grænse
meetings-remove = Fjern
meetings-add-item = Føj til programmet
meetings-speakers-hint = Én oplægsholder pr. linje: navn, organisation.
meetings-selectable-hint = Mellem parallelle sessioner, der begynder samtidig, vælger deltagerne ved tilmeldingen.
meetings-item-capacity-hint = Kun for sessioner. Lad feltet stå tomt, hvis der ikke er nogen grænse.
meetings-questions = Spørgsmål ved tilmelding
meetings-questions-empty = Der er ingen spørgsmål.
meetings-required = skal besvares
meetings-add-question = Tilføj et spørgsmål
meetings-options-hint = For valgmuligheder: én mulighed pr. linje.
meetings-registrations = Tilmeldinger
meetings-registrations-empty = Ingen har tilmeldt sig endnu.
meetings-export-csv = Hent tilmeldingerne (CSV)
meetings-sessions = Sessioner
meetings-answers = Svar
meetings-guest = gæst
meetings-approve = Godkend
meetings-reject = Afvis
meetings-cancel-registration = Afmeld
meetings-attendance = Fremmøde
meetings-attendance-legend = Sæt flueben ved dem, der kom
meetings-attendance-empty = Der er ingen tilmeldte deltagere endnu.
meetings-save-attendance = Gem fremmøde

notice-meeting-created = Mødet er oprettet. Tilføj programmet, og offentliggør mødet, når det er klar.
notice-meeting-saved = Dine ændringer er gemt.
notice-meeting-published = Mødet er offentliggjort.
notice-meeting-cancelled = Mødet er aflyst, og de tilmeldte får besked.
notice-meeting-completed = Mødet er markeret som afholdt.
notice-meeting-unpublished = Mødet er en kladde igen.
notice-meeting-item-added = Punktet er føjet til programmet.
notice-meeting-item-removed = Punktet er fjernet fra programmet.
notice-meeting-question-added = Spørgsmålet er tilføjet.
notice-meeting-question-removed = Spørgsmålet er fjernet.
notice-meeting-approved = Tilmeldingen er godkendt.
notice-meeting-rejected = Tilmeldingen er afvist.
notice-meeting-registration-cancelled-by-organiser = Tilmeldingen er annulleret.
notice-meeting-attendance-saved = Fremmødet er gemt.
notice-meeting-registered = Du er tilmeldt. En bekræftelse er på vej til din e-mail.
notice-meeting-waitlisted = Mødet er fuldt booket: du er på ventelisten.
notice-meeting-pending = Din tilmelding venter på at blive godkendt af en arrangør.
notice-meeting-registration-cancelled = Du er afmeldt.
notice-meeting-guest-confirmed = Din tilmelding er bekræftet. Vi ses!
notice-meeting-guest-pending = Din e-mailadresse er bekræftet. Din tilmelding venter på at blive godkendt af en arrangør.

field-kind = Mødetype
field-starts_at = Begynder
field-ends_at = Slutter
field-location_mode = Afholdes
field-address = Adresse
field-room = Lokale
field-online_url = Link til onlinemødet
field-registration_enabled = Man tilmelder sig mødet
field-capacity_room = Pladser i lokalet
field-capacity_online = Pladser online
field-waitlist_enabled = Venteliste, når mødet er fuldt
field-registration_opens_at = Tilmeldingen åbner
field-registration_closes_at = Tilmeldingsfrist
field-cancellation_cutoff_at = Afmelding mulig indtil
field-requires_approval = Tilmeldinger skal godkendes
field-terms = Betingelser
field-show_participants = Vis deltagerlisten
field-publish = Offentliggør nu
field-invitee_user_ids = Inviterede
field-attendance_mode = Sådan deltager du
field-session_ids = Sessioner
field-accept_terms = Jeg accepterer betingelserne
field-organisation = Organisation
field-required = (skal udfyldes)
field-item_title = Titel
field-item_kind = Type
field-item_date = Dato
field-item_starts_at = Begynder
field-item_ends_at = Slutter
field-item_description = Beskrivelse
field-item_speakers = Oplægsholdere
field-item_selectable = Parallel session, som deltagerne vælger
field-item_capacity = Pladser i sessionen
field-question_label = Spørgsmål
field-question_kind = Svartype
field-question_options = Valgmuligheder
field-question_required = Spørgsmålet skal besvares

error-before_start = Slutningen skal ligge efter begyndelsen.
error-session_full = En session, du har valgt, er fuldt booket. Vælg en anden.
error-overlapping = Du har valgt sessioner, der overlapper i tid.
error-not_offered = Det tilbyder mødet ikke.
error-before_opening = Fristen skal ligge efter, at tilmeldingen åbner.
error-after_meeting = Fristen skal ligge, før mødet slutter.
error-after_start = Skal ligge, før mødet begynder.
error-only_for_group_visibility = Der kan kun vælges en gruppe for møder i en arbejdsgruppe.
error-outside_meeting = Punktet skal ligge inden for mødets tidsrum.
error-only_for_sessions = Kun parallelle sessioner har deres eget antal pladser.
error-only_for_choices = Kun spørgsmål med valgmuligheder har muligheder.
error-too_few = Angiv mindst to muligheder.
error-unknown_question = Spørgsmålet findes ikke længere. Genindlæs siden.
error-invalid_local_time = Dette tidspunkt findes ikke.
error-date_and_time = Angiv både en dato og et klokkeslæt.

conflict-meeting_full = Mødet er fuldt booket.
conflict-registration_closed = Tilmeldingen er lukket.
conflict-registration_not_open = Tilmeldingen er ikke åbnet endnu.
conflict-meeting_cancelled = Mødet er aflyst.
conflict-meeting_not_published = Mødet er ikke offentliggjort endnu.
conflict-registration_not_offered = Man tilmelder sig ikke dette møde.
conflict-already_registered = Du er allerede tilmeldt mødet.
conflict-cancellation_closed = Det er for sent at afmelde sig. Kontakt arrangørerne.
conflict-not_pending_approval = Tilmeldingen venter ikke længere på godkendelse.
conflict-status_change_not_allowed = Mødet kan ikke få den status.
conflict-too_many_questions = Mødet har allerede så mange spørgsmål, som det kan have.
conflict-already_cancelled = Tilmeldingen er allerede annulleret.
conflict-not_registered = Personen er ikke (længere) tilmeldt.
conflict-sign_out_to_register_as_guest = Du er logget ind: tilmeld dig som medlem i stedet.

meeting_kind-case_consultation = sagskonsultation
meeting_kind-workshop = workshop
meeting_kind-webinar = webinar
meeting_kind-theme_meeting = temamøde
meeting_kind-collaboration_day = samarbejdsdag
meeting_kind-information_meeting = informationsmøde
meeting_kind-group_meeting = møde i arbejdsgruppe

meeting_status-draft = kladde
meeting_status-published = offentliggjort
meeting_status-cancelled = aflyst
meeting_status-completed = afholdt

meeting_visibility-public = Alle
meeting_visibility-network = Netværket
meeting_visibility-group = Én arbejdsgruppe
meeting_visibility-invited = Kun inviterede
meeting_visibility-public-hint = Alle, også uden at logge ind, kan se mødet og tilmelde sig.
meeting_visibility-network-hint = Medlemmer af dette netværk.
meeting_visibility-group-hint = Medlemmer af den arbejdsgruppe, der vælges nedenfor.
meeting_visibility-invited-hint = Kun de medlemmer, der er sat flueben ved nedenfor.

location_mode-physical = I et lokale
location_mode-online = Online
location_mode-hybrid = I et lokale og online

agenda_kind-plenary = plenum
agenda_kind-talk = oplæg
agenda_kind-panel = paneldebat
agenda_kind-group_work = gruppearbejde
agenda_kind-break = pause

question_kind-text = fritekst
question_kind-single_choice = ét valg
question_kind-multiple_choice = flere valg

registration_status-unconfirmed = venter på bekræftelse via e-mail
registration_status-pending_approval = venter på godkendelse
registration_status-registered = tilmeldt
registration_status-waitlisted = på venteliste
registration_status-cancelled = afmeldt
registration_status-rejected = afvist

attendance_mode-room = i lokalet
attendance_mode-online = online

action_status-open = åben
action_status-done = udført
action_status-dropped = droppet

meetings-feed-title = Abonnér i din kalender
meetings-feed-intro = Din egen kalenderadresse viser de møder, du kan se i dine netværk, og holder sig selv opdateret i Outlook, Google Kalender eller telefonens kalender.
meetings-feed-url = Din kalenderadresse
meetings-feed-url-hint = Kopiér den ind i dit kalenderprogram som et kalenderabonnement. Den vises kun nu: hold den for dig selv, for alle med adressen kan se dine møder.
meetings-feed-exists = Du lavede din kalenderadresse { $date }. Den vises kun én gang.
meetings-feed-create = Lav min kalenderadresse
meetings-feed-reset = Lav en ny kalenderadresse
meetings-feed-reset-hint = Har du mistet adressen, eller har andre fået den? Lav en ny; den gamle holder op med at virke med det samme.
meetings-feed-network = Netværkets offentlige møder er også en kalender, alle kan abonnere på:
meetings-feed-network-link = offentlig kalender (.ics)
meetings-mode-column = Deltager

meetings-series-new = Ny mødeserie
meetings-series-create = Opret serien
meetings-series-intro = En mødeserie er et møde, der gentages. Udfyld det første møde; de andre laves ud fra det, og hvert af dem kan senere ændres eller aflyses for sig.
meetings-section-repeat = Gentages
meetings-repeat-hint = Hvert mødes tidspunkter er de samme i netværkets tidszone, også hen over sommer- og vintertid.
field-rule_choice = Gentages
field-rule = Din egen regel (RRULE)
meetings-rule-hint = Kun når »En anden regel« er valgt ovenfor, fx FREQ=MONTHLY;BYDAY=2WE for anden onsdag i hver måned.
field-occurrences = Antal møder
meetings-occurrences-hint = Hvor mange møder der skal laves, højst 52.
meetings-rule-weekly = Hver uge
meetings-rule-biweekly = Hver anden uge
meetings-rule-first = Første { $weekday } i hver måned
meetings-rule-last = Sidste { $weekday } i hver måned
meetings-rule-monthly = Hver måned på samme dato
meetings-rule-custom = En anden regel (skriv den nedenfor)
meetings-series-title = Mødeserie: { $title }
meetings-series-repeats = Gentages
meetings-series-next = Næste møder
meetings-series-link = Del af en mødeserie: se alle datoerne
notice-series-created = Mødeserien er oprettet.
error-invalid_rule = Reglen er ikke en, som siden forstår.
error-unsupported_frequency = Møder kan ikke gentages oftere end dagligt.

meetings-minutes = Referat
meetings-minutes-saved-at = Senest gemt { $at }.
meetings-minutes-guarded = Sagskonsultationer handler om et barn: skriv intet, der identificerer barnet eller familien. Navne, CPR-numre, adresser, telefonnumre og e-mailadresser afvises.
meetings-save-minutes = Gem referatet
meetings-action-items = Opfølgningspunkter
meetings-action-items-empty = Der er ingen opfølgningspunkter.
meetings-action-carried = overført
meetings-add-action = Tilføj et opfølgningspunkt
meetings-save-status = Gem
meetings-confirmed-hint = Sæt kun flueben, hvis du har tjekket, at det fundne ikke er et navn eller en adresse.
meetings-breakouts = Grupper
meetings-breakouts-empty = Der er ingen grupper.
meetings-group-size = { $size } af { $capacity } pladser optaget
meetings-group-size-unlimited = { $size } i gruppen
meetings-auto-assign-title = Fordel automatisk
meetings-auto-assign-hint = Alle tilmeldte uden en gruppe får en, efter deres ønsker, hvor der er plads.
meetings-auto-assign = Fordel deltagerne
meetings-assign-caption = Deltagere og deres grupper
meetings-breakout-group = Gruppe
meetings-no-breakout-group = Ingen gruppe
meetings-assign = Gem
meetings-add-group = Tilføj en gruppe
meetings-no-preference = Intet ønske
meetings-breakout-preference-hint = Arrangørerne prøver at give dig den gruppe, du ønsker.
field-minutes = Referat
field-decisions = Beslutninger
field-confirmed = Det fundne er ikke et navn eller en adresse
field-action_text = Opgave
field-action_owner = Hvem følger op
field-action_due_on = Frist
field-group_name = Gruppens navn
field-group_facilitator = Facilitator
field-group_capacity = Pladser i gruppen
field-mix_sectors = Bland sektorer: fordel folk fra samme sektor på grupperne
field-breakout_preferences = Gruppe, du ønsker
notice-meeting-minutes-saved = Referatet er gemt.
notice-meeting-action-added = Opfølgningspunktet er tilføjet.
notice-meeting-action-saved = Opfølgningspunktet er gemt.
notice-meeting-group-added = Gruppen er tilføjet.
notice-meeting-group-removed = Gruppen er fjernet.
notice-meeting-assigned = Gruppen er gemt.
notice-meeting-auto-assigned = { $assigned } fik en gruppe; { $unassigned } uden gruppe (alle grupper er fulde).
conflict-group_full = Gruppen er fuld.
error-contains_cpr = Indeholder et CPR-nummer. Fjern det.
error-contains_national_id_no = Indeholder et norsk personnummer. Fjern det.
error-contains_personnummer = Indeholder et svensk personnummer. Fjern det.
error-contains_email = Indeholder en e-mailadresse. Fjern den.
error-contains_phone = Indeholder et telefonnummer. Fjern det.
error-possible_name = Dette kan indeholde et navn. Fjern det, eller bekræft nedenfor, at det ikke er et navn.
error-possible_address = Dette kan indeholde en adresse. Fjern den, eller bekræft nedenfor, at det ikke er en adresse.
error-possible_national_id = Dette kan være et mistastet fødselsnummer. Fjern det, eller bekræft nedenfor, at det ikke er et personnummer.

meetings-weekday-1 = mandag
meetings-weekday-2 = tirsdag
meetings-weekday-3 = onsdag
meetings-weekday-4 = torsdag
meetings-weekday-5 = fredag
meetings-weekday-6 = lørdag
meetings-weekday-7 = søndag
meetings-weekday-short-1 = man
meetings-weekday-short-2 = tir
meetings-weekday-short-3 = ons
meetings-weekday-short-4 = tor
meetings-weekday-short-5 = fre
meetings-weekday-short-6 = lør
meetings-weekday-short-7 = søn
meetings-month-1 = januar
meetings-month-2 = februar
meetings-month-3 = marts
meetings-month-4 = april
meetings-month-5 = maj
meetings-month-6 = juni
meetings-month-7 = juli
meetings-month-8 = august
meetings-month-9 = september
meetings-month-10 = oktober
meetings-month-11 = november
meetings-month-12 = december

## consultations
# Sagsdrøftelser: pladser, sager, samtykke og adgangslog (web/src/consultations).

cases-nav = Sager
cases-case = Sag
cases-title = Sager – { $meeting }
cases-intro = Fagpersoner booker en plads og indsender en sag, som gruppen drøfter. En sag er anonym, medmindre familien har givet samtykke. Kun den, der har indsendt sagen, arrangørerne og mødets tilmeldte deltagere kan læse den, og hver læsning bliver logget.
cases-slots-title = Pladser til sager
cases-slots-caption = Mødets pladser til sager
cases-no-slots = Arrangørerne har endnu ikke åbnet pladser til sager.
cases-all-booked = Alle pladser er booket.
cases-slot = Plads
cases-slot-number = Plads { $number }
cases-slot-free = Ledig
cases-slot-booked = Booket
cases-slot-mine = Booket af dig
cases-actions = Handlinger
cases-book = Book og indsend en sag
cases-open-case = Åbn sagen
cases-slots-count = Antal nye pladser
cases-slots-count-hint = De nye pladser nummereres videre fra den sidste.
cases-slots-add = Tilføj pladser
cases-slots-out_of_range = Et møde kan have højst { $max } pladser.
cases-list-title = Sager
cases-logged-hint = At du læser sagerne, bliver registreret i deres adgangslog.
cases-yours = din
cases-age-years = { $band } år
cases-new-title = Indsend en sag
cases-edit-title = Ret sagen
cases-anonymous-guidance = Beskriv barnet eller den unge, så ingen kan se, hvem det er: et aldersinterval i stedet for en fødselsdato, ingen navne, adresser, skoler eller andet, der kan identificere familien.
cases-guard-guidance = Personnumre (CPR, fødselsnummer, personnummer), e-mailadresser og telefonnumre bliver afvist.
cases-age-hint = Aldrig en fødselsdato.
cases-sectors-other-hint = Andre instanser, der allerede er involveret, adskilt med komma.
cases-concern-hint = Hvad du er bekymret for, beskrevet uden noget, der kan identificere barnet.
cases-question-hint = Hvad vil du gerne have gruppens hjælp til?
cases-consent-title = Samtykke
cases-consent-only-hint = Udfyld kun dette for en sag med samtykke. Samtykket dokumenterer, hvem der har givet det, til hvad og hvor længe.
cases-consent-on-case-page = Samtykke registreres og trækkes tilbage på sagens side.
cases-consent-scope-hint = De oplysninger, samtykket omfatter.
cases-consent-services-hint = Én instans pr. linje – instanser, ikke navngivne personer.
cases-consent-valid-hint = Skal udfyldes, når der er givet samtykke.
cases-consent-oral-hint = Kun ved mundtligt samtykke: hvem der noterede det, og hvornår det blev givet.
cases-date = Dato
cases-time = Klokkeslæt
cases-confirm-explained = Noget i et felt ovenfor kan være et navn eller en adresse. Kontrollér feltet; hvis det ikke er nogen af delene, så bekræft og send igen.
cases-confirm = Jeg bekræfter, at det ikke er et navn eller en adresse
cases-submit = Indsend sagen
cases-save = Gem ændringerne
cases-submitted = Indsendt
cases-edit = Ret sagen
cases-withdraw = Træk sagen tilbage
cases-consents-title = Samtykke
cases-no-consents = Der er ikke registreret noget samtykke.
cases-consent-recorded = noteret af { $by }, { $at }
cases-consent-withdrawn-at = Trukket tilbage
cases-consent-withdraw = Registrér at samtykket er trukket tilbage
cases-consent-record-title = Registrér et samtykke eller et afslag
cases-consent-record = Registrér
cases-access-title = Adgangslog
cases-access-hint = Alle, der har læst eller ændret sagen.
cases-access-caption = Læsninger og ændringer af sagen
cases-access-when = Hvornår
cases-access-who = Hvem
cases-access-what = Hvad
cases-notice-submitted = Sagen er indsendt. Arrangørerne har fået besked om, at der er kommet en sag, uden dens indhold.
cases-notice-saved = Sagen er gemt.
cases-notice-withdrawn = Sagen er trukket tilbage, og dens tekst er slettet.
cases-notice-slots = Pladserne er tilføjet.
cases-notice-consent = Samtykket er registreret.
cases-notice-consent-withdrawn = Tilbagetrækningen er registreret.

field-case_slot = Plads
field-case_age_band = Aldersinterval
field-case_sectors = Instanser, der allerede er involveret
field-case_sectors_other = Andre instanser
field-case_concern = Bekymringen
field-case_tried = Hvad er der allerede forsøgt
field-case_question = Spørgsmålet til gruppen
field-case_mode = Hvordan sagen drøftes
field-consent_decision = Samtykke
field-consent_given_by = Givet af
field-consent_scope = Oplysninger, der er omfattet
field-consent_receiving_services = Modtagende instanser
field-consent_purpose = Formål
field-consent_valid_until = Gælder til og med
field-consent_form = Form
field-consent_recorded_by = Noteret af
field-consent_recorded_at = Givet

case_mode-anonymous = Anonymt
case_mode-with_consent = Med samtykke
case_mode-anonymous-hint = Standard. Intet i sagen identificerer barnet.
case_mode-with_consent-hint = Familien har givet samtykke til, at sagen drøftes; samtykket skal registreres.
case_details-shown = Vises
case_details-consent_withdrawn = Samtykket er trukket tilbage: sagens detaljer er skjult.
case_details-consent_expired = Samtykket er udløbet: sagens detaljer er skjult.
case_details-consent_missing = Intet gyldigt samtykke: sagens detaljer er skjult.
case_details-purged = Opbevaringsperioden er slut, og sagens tekst er slettet.
consent_decision-given = Samtykke givet
consent_decision-refused = Samtykke afslået
consent_giver-parent_or_guardian = Forælder eller værge
consent_giver-young_person = Den unge selv
consent_form-written = Skriftligt
consent_form-oral = Mundtligt
consent_status-valid = gyldigt
consent_status-withdrawn = trukket tilbage
consent_status-expired = udløbet
consent_status-refused = afslået
case_access-read = læste
case_access-submit = indsendte
case_access-update = ændrede
case_access-consent = registrerede samtykke
case_access-consent_withdrawn = registrerede en tilbagetrækning
case_access-withdraw = trak sagen tilbage

cases-error-contains_cpr = Indeholder et CPR-nummer. Fjern det: en sag må ikke identificere barnet.
cases-error-contains_national_id_no = Indeholder et norsk fødselsnummer eller D-nummer. Fjern det.
cases-error-contains_personnummer = Indeholder et svensk personnummer. Fjern det.
cases-error-contains_email = Indeholder en e-mailadresse. Fjern den.
cases-error-contains_phone = Indeholder et telefonnummer. Fjern det.
cases-error-possible_name = Kan indeholde et navn. Fjern det, eller bekræft herunder, at det ikke er et navn.
cases-error-possible_address = Kan indeholde en adresse. Fjern den, eller bekræft herunder, at det ikke er en adresse.
cases-error-possible_national_id = Kan være et mistastet fødselsnummer. Fjern det, eller bekræft herunder, at det ikke er et personnummer.
cases-error-consent_refused = En sag med samtykke kræver et givet samtykke. Vælg anonymt, eller registrér samtykket.
cases-error-consent_required = Sagen har intet gyldigt samtykke. Registrér det først på sagens side.
cases-conflict-slot_taken = En anden har lige booket den plads. Vælg en anden.
cases-conflict-no_free_slot = Alle mødets pladser er booket.
cases-conflict-meeting_started = Mødet er begyndt; sager kan ikke længere indsendes eller ændres.
cases-conflict-meeting_cancelled = Mødet er aflyst.
cases-conflict-meeting_not_published = Mødet er ikke offentliggjort endnu.
cases-conflict-case_purged = Sagens tekst er slettet efter opbevaringsperioden.
cases-conflict-already_withdrawn = Samtykket er allerede trukket tilbage.
cases-conflict-not_given = Kun et givet samtykke kan trækkes tilbage.
cases-conflict-not_a_consultation = Kun sagsdrøftelser har pladser til sager.

## notifications
# Følg, notifikationer, mailindstillinger og afmelding (web/src/notifications).

notifications-follow = Følg
notifications-unfollow = Følg ikke længere
notifications-nav = Notifikationer
notifications-unread-count = { $count } ulæste
notifications-title = Notifikationer
notifications-empty = Intet nyt. Følg en tråd, en gruppe eller et projekt for at høre, hvad der sker.
notifications-unread = Ulæst
notifications-mark-read = Markér som læst
notifications-mark-all-read = Markér alle som læst
notifications-by = af { $name }
notifications-kind-new_thread = Ny tråd
notifications-kind-new_post = Nyt svar
notifications-kind-mention = Du blev nævnt
notifications-kind-project_update = Projektopdatering
notifications-settings-title = Mail om notifikationer
notifications-mail-mode = Hvordan vil du have besked på mail?
notifications-mail-mode-immediate = Med det samme, én mail for hver
notifications-mail-mode-daily = Et dagligt overblik (kl. 07.00)
notifications-mail-mode-weekly = Et ugentligt overblik (mandag kl. 07.00)
notifications-mail-mode-off = Ingen mail
notifications-settings-save = Gem
notifications-notice-saved = Din mailindstilling er gemt.
notifications-notice-read = Markeret som læst.
notifications-unsubscribe-title = Stop mail om notifikationer
notifications-unsubscribe-intro = Vil du stoppe al mail om notifikationer fra { $network }? Du ser stadig dine notifikationer, når du logger ind, og kan slå mail til igen dér.
notifications-unsubscribe-button = Stop mail
notifications-unsubscribe-done = Du får ikke flere mails om notifikationer fra { $network }. Du kan slå dem til igen under Notifikationer, når du logger ind.

## search-ui
# Søgesiden med facetter og synonymsiden (web/src/search, web/templates/search*.html).

search-sort = Sortér
search-sort-relevance = Bedste match
search-sort-newest = Nyeste først
search-library = Projektbiblioteket (alle netværk)
search-library-hint = Søg også i de projekter, andre netværk deler.
search-facets = Afgræns
search-facet-any = Alle
search-facets-apply = Afgræns
search-facet-kind = Type
search-facet-status = Status
search-facet-sector = Sektor
search-facet-organisation = Organisation
search-facet-tag = Emneord
search-facet-year = År
search-from-network = fra { $network }
search-synonyms-link = Synonymer og forkortelser
kind-project_update = Projektopdatering
kind-thread = Tråd
kind-post = Indlæg
kind-file = Fil
search-synonyms-title = Synonymer og forkortelser
search-synonyms-intro = En søgning på ét udtryk i en linje finder også de andre, for eksempel BUP og børne- og ungdomspsykiatri. Ændringer gælder, når indholdet er indekseret igen, normalt inden for et minut.
search-synonyms-empty = Netværket har ingen synonymer endnu.
search-synonyms-caption = Netværkets synonymer
search-synonyms-column = Udtryk, der betyder det samme
search-synonyms-add-title = Tilføj synonymer
search-synonyms-phrases = Udtryk
search-synonyms-phrases-hint = Adskil udtrykkene med komma, for eksempel: BUP, børne- og ungdomspsykiatri
search-synonyms-add = Tilføj
search-synonyms-delete = Slet
search-synonyms-delete-label = Slet { $phrases }
search-synonyms-created = Synonymerne er tilføjet.
search-synonyms-deleted = Synonymerne er slettet.
search-synonyms-error-required = Skriv mindst to udtryk adskilt af komma.
search-synonyms-error-too_few = Skriv mindst to udtryk adskilt af komma.
search-synonyms-error-too_many = Brug højst 20 udtryk i en linje.
search-synonyms-error-duplicate = Det samme udtryk står der to gange.
search-synonyms-error-invalid = Hvert udtryk skal indeholde et ord.
conflict-too_many_synonyms = Netværket har allerede 500 linjer med synonymer. Slet nogle først.

## forum

nav-forum = Forum
forum-title = Forum
forum-replies = { $count ->
    [one] { $count } svar
   *[other] { $count } svar
}
forum-locked = Låst
forum-closed-group = Lukket gruppe
forum-moderation-title = Moderation
forum-no-categories = Forummet har endnu ingen kategorier. En koordinator opretter dem.
forum-no-threads = Ingen tråde endnu.
forum-new-thread = Start en tråd
forum-start-thread = Start tråden
forum-group-threads = Tråde
forum-new-category = Ny kategori
forum-create-category = Opret kategori
forum-edit-category = Rediger kategori
forum-save-category = Gem kategori
forum-delete-category = Slet kategori
forum-delete-category-explained = Kun en kategori uden tråde kan slettes.
forum-delete-category-confirm = Ja, slet kategorien
forum-position-hint = Kategorier med et lavere tal kommer først.
field-position = Rækkefølge
field-category_id = Kategori
field-reason = Begrundelse
field-quoted_post_id = Citeret indlæg
forum-field-post = Dit indlæg
forum-markdown-hint = Du kan bruge Markdown. Nævn et medlem ved at skrive @ og navnet, som netværket viser det, fx @Anna Hansen.
forum-started-by = Startet af { $name }
forum-manage-thread = Administrer tråden
forum-rename = Omdøb
forum-lock = Lås tråden
forum-unlock = Lås tråden op
forum-posts-label = Indlæg
forum-edited = redigeret
forum-hidden = Skjult
forum-hidden-by-moderator = Skjult af en moderator.
forum-hidden-reason = begrundelse: { $reason }
forum-quote-wrote = { $name } skrev:
forum-quote = Citer
forum-edit = Rediger
forum-flag = Anmeld
forum-flagged = Du har anmeldt dette indlæg.
forum-flag-reason = Hvorfor skal en moderator se på indlægget?
forum-flag-send = Send til moderatorerne
forum-hide = Skjul
forum-hide-confirm = Skjul indlægget
forum-restore = Gendan
forum-restore-confirm = Gendan indlægget
forum-reply = Svar
forum-send-reply = Send svar
forum-locked-explained = Tråden er låst og tager ikke imod nye indlæg.
forum-cannot-reply = Kun arbejdsgruppens medlemmer kan svare her.
forum-quoting = Du citerer { $name }.
forum-quote-remove = Citer ikke
forum-edit-title = Rediger indlæg
forum-edit-hint = Den tidligere tekst gemmes i indlæggets historik.
forum-save-post = Gem indlæg
forum-cancel = Annuller
forum-back-to-thread = Tilbage til tråden
forum-history-title = Redigeringshistorik
forum-history-current = Nuværende tekst
forum-history-none = Indlægget er ikke blevet redigeret.
forum-history-replaced = Erstattet af { $name }
forum-open-flags = Åbne anmeldelser
forum-no-flags = Ingen indlæg er anmeldt.
forum-log-title = Moderationslog
forum-log-empty = Ingen moderationshandlinger endnu.
forum-col-when = Hvornår
forum-col-thread = Tråd
forum-col-flagged-by = Anmeldt af
forum-col-who = Hvem
forum-col-action = Handling
forum-action-hide = Skjulte et indlæg
forum-action-restore = Gendannede et indlæg
forum-action-lock = Låste tråden
forum-action-unlock = Låste tråden op
forum-action-move = Flyttede tråden
forum-notice-created = Tråden er startet.
forum-notice-replied = Dit svar er sendt.
forum-notice-edited = Indlægget er gemt.
forum-notice-renamed = Tråden er omdøbt.
forum-notice-flagged = Tak. Moderatorerne har fået besked.
forum-notice-hidden = Indlægget er skjult.
forum-notice-restored = Indlægget er gendannet.
forum-notice-locked = Tråden er låst.
forum-notice-unlocked = Tråden er låst op.
forum-notice-category-created = Kategorien er oprettet.
forum-notice-category-saved = Kategorien er gemt.
forum-notice-category-deleted = Kategorien er slettet.
error-taken = Navnet er allerede i brug.
conflict-thread_locked = Tråden er låst og tager ikke imod nye indlæg.
conflict-already_flagged = Du har allerede anmeldt dette indlæg.
conflict-category_not_empty = Kategorien har stadig tråde og kan ikke slettes.

## material
material-title = Filer
material-none = Ingen filer endnu.
material-download = Hent
material-status-pending = teksten læses
material-status-pending-explained = Filens tekst læses til søgningen; det tager et øjeblik.
material-status-done = læst
material-status-failed = teksten kunne ikke læses: { $reason }
material-reason-unknown = ukendt årsag
material-upload-label = Tilføj en fil
material-upload-hint = PDF, Word (DOCX), PowerPoint (PPTX), Excel (XLSX), OpenDocument (ODT, ODP), billeder (PNG, JPEG, GIF, WebP), tekst eller Markdown; højst { $max } MB.
material-upload = Upload
material-error-quota_exceeded = Netværkets lagerplads er fyldt: { $used } af { $quota } er brugt. Slet filer, I ikke længere har brug for, eller bed netværkets ejer om mere plads.
material-error-too_large = Filen er for stor; højst { $max } MB.
material-error-unsupported_type = Denne slags fil kan ikke uploades, eller dens indhold passer ikke til navnet.
material-error-incomplete = Filen kom ikke helt frem. Prøv at uploade den igen.
material-error-required = Vælg en fil.
material-error-too_long = Filens navn er for langt.
material-error-invalid = Filens navn er ikke gyldigt.
material-notice-uploaded = Filen er uploadet.
material-notice-deleted = Filen er slettet.
material-notice-replaced = En ny version er uploadet.
material-versions = Versioner
material-version = Version
material-name = Navn
material-size = Størrelse
material-uploaded = Uploadet
material-text = Tekst til søgning
material-replace-title = Upload en ny version
material-replace-label = Ny version
material-replace = Upload ny version
material-delete = Slet fil
material-target-project = Projekt
material-target-meeting = Møde
material-target-thread = Tråd
material-target-group = Arbejdsgruppe

## showcases-full
# Projekter fuldt ud: felter, partnere, opdateringer, den offentlige udstilling og projektbiblioteket
# (web/src/showcases, web/templates/project*.html, showcase.html).
nav-showcase = Udstilling
nav-library = Projektbibliotek
field-period_start = Startdato
field-period_end = Slutdato
field-target_group = Målgruppe
field-age_groups = Aldersgrupper
field-sectors = Sektorer
field-municipalities = Kommuner
field-funding_source = Finansiering
field-funding_amount = Beløb
field-funding_currency = Valuta
field-contact_name = Kontaktperson
field-contact_email = Kontaktpersonens arbejdsmail
field-results = Resultater og evaluering
field-links = Links
field-cover_file_id = Forsidebillede
field-partner_organisation_ids = Partnerorganisationer
error-negative = Beløbet kan ikke være negativt.
error-invalid_url = Hvert link skal være en webadresse, der begynder med http:// eller https://.
age_group-0-5 = 0–5 år
age_group-6-12 = 6–12 år
age_group-13-17 = 13–17 år
age_group-18-25 = 18–25 år
project_sector-social_services = socialområdet
project_sector-child_psychiatry = børne- og ungdomspsykiatri
project_sector-school = skole
project_sector-health = sundhed
project_sector-ngo = frivillig organisation (NGO)
project_sector-research = forskning
project_sector-agency = styrelse
showcases-form-about = Om projektet
showcases-form-who = Hvem ejer og ser det
showcases-form-scope = Periode, målgruppe og sted
showcases-form-funding = Finansiering og kontakt
showcases-form-results = Resultater, links og forsidebillede
showcases-date-hint = For eksempel 2025-08-01.
showcases-municipalities-hint = Adskil kommuner med komma, for eksempel: Aarhus, Randers.
showcases-amount-hint = Helt beløb uden decimaler, for eksempel 450000.
showcases-currency-default = Netværkets valuta
showcases-contact-email-hint = En arbejdsadresse, som alle, der kan se projektet, ser.
showcases-links-hint = Ét link pr. linje: titel | https://… (eller blot adressen).
showcases-cover-hint = Et af projektets billeder, vist øverst på siden.
showcases-no-cover = Intet forsidebillede
showcases-cover-alt = Forsidebillede til { $title }
showcases-period = Periode
showcases-funding = Finansiering
showcases-contact = Kontakt
showcases-network = Netværk
showcases-updates-title = Opdateringer
showcases-updates-none = Ingen opdateringer endnu.
showcases-updates-more = Ældre opdateringer
showcases-update-new = Skriv en opdatering
showcases-update-post = Offentliggør opdatering
showcases-update-delete = Slet opdatering
showcases-notice-update-posted = Opdateringen er offentliggjort. De, der følger projektet, får besked.
showcases-notice-update-deleted = Opdateringen er slettet.
showcases-showcase-title = Udstilling
showcases-showcase-intro = Netværkets offentlige projekter. Alle kan læse dem.
showcases-library-title = Projektbibliotek
showcases-library-intro = Projekter, som netværkene deler med hinanden, med det netværk, der ejer hvert af dem.
showcases-filter-label = Filtrér projekter
showcases-filter-legend = Filtrér
showcases-filter-all = Alle
showcases-filter-municipality = Kommune
showcases-filter-apply = Vis projekter
showcases-filter-clear = Nulstil filtre
showcases-results = Projekter
showcases-none = Der er endnu ingen projekter at vise.
showcases-none-filtered = Ingen projekter passer til filtrene.

## groups-meetings
groups-meetings-title = Gruppens møder
groups-meetings-empty = Gruppen har ingen kommende møder.
groups-meetings-past = Seneste møder

## showcases-update-edit
showcases-update-edit = Redigér opdatering
showcases-update-edit-title = Redigér opdatering
showcases-update-save = Gem opdatering
showcases-update-cancel = Annullér
showcases-notice-update-saved = Opdateringen er gemt.

## Sagsmateriale: erklæringen, modtagende organisationer, filer som identifikationsvagten holder tilbage
case_details-restricted = Der ligger en sag på denne plads; du er ikke blandt dem, der læser den.
field-consent_receiving_organisations = Modtagende organisationer
cases-consent-organisations-hint = Kun godkendte deltagere fra de organisationer, du krydser af, ser sagens detaljer. Beskriv eventuelt instanserne nærmere nedenfor.
cases-conflict-not_an_approved_participant = Kun mødets arrangører og godkendte deltagere bekræfter erklæringen.
conflict-kind_locked = Mødet har allerede sager, filer eller referat og kan derfor ikke skifte til eller fra sagsdrøftelse.
conflict-members_only = Kun netværkets medlemmer kan tilmelde sig en sagsdrøftelse.
cases-declaration-title = Tavshedspligt
cases-declaration-text = Før du ser mødets sager, bekræfter du, at du kender din tavshedspligt og holder det, der siges om sagerne, inden for mødet.
cases-declaration-confirm = Jeg bekræfter min tavshedspligt
cases-declaration-done = Du har bekræftet din tavshedspligt for dette møde.
cases-declarations-title = Bekræftede erklæringer
cases-declarations-none = Ingen har bekræftet erklæringen endnu.
cases-notice-declared = Din erklæring er registreret.
material-guard-pending = Kontrolleres for personhenførbare oplysninger – synlig for andre, når den er godkendt.
material-guard-blocked = Slettet: filen indeholdt en identifikation ({ $kind }). Fjern den, og upload igen.
material-guard-needs_confirmation = Der kunne ikke læses tekst. Bekræft, at filen ikke indeholder identifikationer, før andre ser den.
material-guard-confirm = Den indeholder ingen identifikationer
material-notice-confirmed = Tak – filen er nu synlig for mødets læsere.
