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
