"""The one message catalogue: every text a user sees, in Danish and English.

House rules for the texts (write new ones the same way):
- Danish first, in du-form, to a colleague: short sentences, plain words of the field
  (vagt, vagtplan, sag, rundbordssamtale, fravær, teamleder, omstillingen). No anglicisms
  ("sat op", "stilet til"); say "indstillet", "sendt til".
- Main clauses keep the verb second: "I dag har Anne fastholdelsestelefonen", not
  "Fastholdelsestelefonen har i dag Anne". Comma before a subordinate clause ("Vælg, hvem ...").
- One named person is "{name}" again (or "vedkommende" when the person is unknown), never
  "de"/"dem". Avoid "{name}s" (breaks on names ending in s): "fraværet for {name}",
  "vagten fra {name}".
- Dates come from `format_day`: "tirsdag 22. december" (English "Tuesday 22 December"). The
  weekday is lowercase inside a sentence; a text that starts with {day} gets
  `capital(format_day(...))` from its caller, or is worded so {day} is not first. A range
  is "{first} – {last}"; a one-day range has its own ".one" key with {first} only.
- Times are what the code produces, "kl. 09:00" (HH:MM, the "kl." in the Danish text; the
  English text has "at 09:00"/"from 09:00"). Phone numbers as `parse_phone` writes them:
  "70 12 34 56". Examples use "fx" (Danish) and "e.g." (English).
- Numbers: a count that can be 1 either gets a ".one" key (see "n_days"; `t_count` picks
  it) or a wording that needs no plural ("Dage med en ny på vagt: {changed}").
- Markdown bold only for what the user should type (**hjælp**) or the one key fact (the
  phone number, the day on a swap card). Values are escaped by `t`; never bold a value by
  hand outside the catalogue.
- The English text says the same as the Danish in plain British/International English
  ("e.g.", "team lead", "rota", "duty"), with exactly the same placeholders.
- A message that refuses says why and what to do next ("Skriv kommandoen igen, så ...").
"""

import string
from datetime import date
from functools import lru_cache
from typing import Any

from dialogs.markdown import Markup, escape
from rules.dates import BadDate, NoSuchDate

LANGUAGES = ("da", "en")

MESSAGES: dict[str, tuple[str, str]] = {
    # Guards and errors
    "cpr_refused": (
        "Beskeden indeholder noget, der ligner et CPR-nummer, så jeg har hverken gemt eller "
        "behandlet den. Skriv den igen uden CPR-nummer (brug fx initialer).",
        "The message contains what looks like a CPR number, so I neither stored nor processed "
        "it. Please write it again without the CPR number (use initials, for example).",
    ),
    "error_apology": (
        "Beklager, der gik noget galt hos mig. Prøv igen om lidt. Sker det igen, så giv IT "
        "fejlkoden {ref}.",
        "Sorry, something went wrong on my side. Please try again in a moment. If it happens "
        "again, give IT the error code {ref}.",
    ),
    "slow_down": (
        "Du sender mange beskeder på kort tid. Vent et øjeblik, så er jeg klar igen.",
        "You are sending many messages in a short time. Wait a moment and I will be ready again.",
    ),
    "unknown_command": (
        "Den kommando kender jeg ikke. Mente du **{hint}**? Skriv **hjælp** for at se alle "
        "kommandoerne.",
        "I don't know that command. Did you mean **{hint}**? Type **help** to see all the "
        "commands.",
    ),
    "unknown_command_no_hint": (
        "Den kommando kender jeg ikke. Skriv **hjælp** for at se, hvad jeg kan.",
        "I don't know that command. Type **help** to see what I can do.",
    ),
    "not_allowed": ("Det er kun {roles}, der kan gøre det.", "Only {roles} can do that."),
    "not_in_team": (
        "Du er endnu ikke med i et team, der bruger fastholdelsestelefonen. Arbejder du i "
        "omstillingen, så bed teamlederen om en kode, og skriv **tilmeld KODE**.",
        "You are not yet in a team that uses the retention hotline. If you work at the "
        "switchboard, ask the team lead for a code and type **join CODE**.",
    ),
    "channel_only": (
        "Det virker kun i en af teamets kanaler.",
        "That only works in one of the team's channels.",
    ),
    "card_outdated": (
        "Det kort er allerede behandlet af {name}. Se den nyeste besked.",
        "That card has already been handled by {name}. See the latest message.",
    ),
    "card_unknown": (
        "Det kort virker ikke længere: det, kortet handler om, er ændret eller slettet i "
        "mellemtiden. Skriv kommandoen igen, så får du et nyt kort.",
        "That card no longer works: what it was about has been changed or deleted since. Type "
        "the command again to get a new card.",
    ),
    "someone": ("en kollega", "a colleague"),
    # Help
    "help_title": ("Det kan jeg hjælpe med", "What I can help with"),
    "help_intro": (
        "Skriv en kommando til mig her, eller nævn mig i kanalen. Du er {role} i {team}.",
        "Write a command to me here, or mention me in the channel. You are {role} in {team}.",
    ),
    "help_intro_no_team": (
        "Du er endnu ikke med i et team. Disse kommandoer kan du bruge alligevel:",
        "You are not in a team yet. You can use these commands anyway:",
    ),
    "help_intro_switchboard": (
        "Du er tilmeldt som omstilling for {team}. Skriv en kommando til mig her i chatten.",
        "You are registered as switchboard for {team}. Write a command to me here in the chat.",
    ),
    "help_more_in_chat": (
        "Her står det, alle i teamet kan bruge i kanalen. Skriv **hjælp** til mig i en privat "
        "chat for at se alt, hvad du kan.",
        "This lists what everyone in the team can use in the channel. Write **help** to me in a "
        "private chat to see everything you can do.",
    ),
    "help_group.duty": ("Vagter", "Duties"),
    "help_group.cases": ("Sager", "Cases"),
    "help_group.switchboard": ("Omstilling", "Switchboard"),
    "help_group.lead": ("Teamleder", "Team lead"),
    "help_group.general": ("Dig og teamet", "You and the team"),
    # Help and examples (#14)
    "help_examples_intro": (
        "Du kan også skrive med dine egne ord, fx:",
        "You can also write in your own words, for example:",
    ),
    "help_examples.lead": (
        "- hvem har telefonen i dag?\n- vis vagtplanen for næste uge\n"
        "- sæt Anne på vagt fredag\n- giv sag 12 videre til Bo\n"
        "- hvilke sager er kommet ind i dag?",
        "- who has the phone today?\n- show the rota for next week\n"
        "- put Anne on duty on Friday\n- hand case 12 over to Bo\n"
        "- which cases came in today?",
    ),
    "help_examples.caseworker": (
        "- hvem har telefonen i dag?\n- jeg holder ferie 21.12-2.1\n"
        "- kan nogen tage min vagt den 5.?\n- hvilke sager har jeg?\n"
        "- jeg skal registrere et opkald",
        "- who has the phone today?\n- I'm on vacation from 21.12 to 2.1\n"
        "- can someone take my duty on the 5th?\n- which cases do I have?\n"
        "- I need to log a call",
    ),
    "help_examples.switchboard": (
        "- hvem har telefonen i dag?\n"
        "- skal jeg stille en arbejdsgiver om stress videre til jer?\n"
        "- en borger spørger om sin udbetaling, er det jer?",
        "- who has the phone today?\n- an employer calls about stress, is that you?\n"
        "- a citizen asks about their payment, is that you?",
    ),
    "cmd.help": ("Vis denne liste", "Show this list"),
    "cmd.members": ("Vis teamets medlemmer og roller", "List the team's members and roles"),
    "cmd.role": (
        "Giv en kollega en rolle: leder, sagsbehandler eller omstilling",
        "Give a colleague a role: lead, caseworker or switchboard",
    ),
    "cmd.on_rota": ("Sæt en kollega på vagtplanen", "Put a colleague on the rota"),
    "cmd.off_rota": ("Tag en kollega af vagtplanen", "Take a colleague off the rota"),
    "cmd.workdays": (
        "Sæt en kollegas arbejdsdage, fx man-tor",
        "Set a colleague's working days, e.g. mon-thu",
    ),
    "cmd.code": (
        "Lav en kode, så en i omstillingen kan tilmelde sig",
        "Make a code so that someone at the switchboard can join",
    ),
    "cmd.join": ("Tilmeld dig et team med en kode", "Join a team with a code"),
    "cmd.settings": ("Teamets indstillinger", "The team's settings"),
    "cmd.setup": ("Vis opsætningskortet igen", "Show the setup card again"),
    "cmd.announce_here": (
        "Brug denne kanal til morgenbeskeden",
        "Use this channel for the morning announcement",
    ),
    "cmd.language": ("Vælg sprog: dansk eller engelsk", "Choose language: Danish or English"),
    "cmd.switch_team": ("Skift mellem dine teams", "Switch between your teams"),
    # Roles
    "role.lead": ("teamleder", "team lead"),
    "role.caseworker": ("sagsbehandler", "caseworker"),
    "role.switchboard": ("omstilling", "switchboard"),
    "roles.lead": ("teamledere", "team leads"),
    "roles.staff": ("sagsbehandlere og teamledere", "caseworkers and team leads"),
    # Members
    "members_title": ("Medlemmer af {team}", "Members of {team}"),
    "members_on_rota": ("på vagtplanen", "on the rota"),
    "members_off_rota": ("ikke på vagtplanen", "not on the rota"),
    "members_left": ("har forladt teamet", "has left the team"),
    "members_none": ("Teamet har ingen medlemmer endnu.", "The team has no members yet."),
    "name_needed": (
        "Hvem? Nævn en kollega med @ eller skriv navnet, fx **{example}**.",
        "Who? Mention a colleague with @ or type the name, e.g. **{example}**.",
    ),
    "name_unknown": (
        'Der er ingen i teamet, der hedder "{name}". Skriv **medlemmer** for at se listen.',
        'There is nobody in the team called "{name}". Type **members** to see the list.',
    ),
    "name_ambiguous": (
        'Flere i teamet passer på "{name}". Hvem mener du?',
        'Several people in the team match "{name}". Who do you mean?',
    ),
    "role_set": ("{name} er nu {role}.", "{name} is now {role}."),
    "role_unknown": (
        "Den rolle kender jeg ikke. Vælg leder, sagsbehandler eller omstilling, fx **{example}**.",
        "I don't know that role. Choose lead, caseworker or switchboard, e.g. **{example}**.",
    ),
    "last_lead": (
        "{name} er teamets eneste teamleder. Gør en anden til teamleder først.",
        "{name} is the team's only team lead. Make someone else a team lead first.",
    ),
    "rota_on": ("{name} er nu på vagtplanen.", "{name} is now on the rota."),
    "rota_off": ("{name} er ikke længere på vagtplanen.", "{name} is no longer on the rota."),
    "rota_not_switchboard": (
        "{name} arbejder i omstillingen og kan ikke have vagter.",
        "{name} works at the switchboard and cannot be on duty.",
    ),
    "workdays_set": ("{name} arbejder nu {days}.", "{name} now works {days}."),
    "workdays_bad": (
        "Skriv arbejdsdagene som fx **man-tor** eller **man,ons,fre**.",
        "Write the working days as e.g. **mon-thu** or **mon,wed,fri**.",
    ),
    # Join codes
    "code_created": (
        "Koden til omstillingen er **{code}**. Den gælder i {days} dage og kan bruges én gang. "
        "Personen skriver **tilmeld {code}** til mig i en privat chat.",
        "The switchboard code is **{code}**. It is valid for {days} days and can be used once. "
        "The person types **join {code}** to me in a private chat.",
    ),
    "code_usage": ("Skriv **kode omstilling**.", "Type **code switchboard**."),
    "join_ok": (
        "Velkommen! Du er nu tilmeldt {team} som {role}. Skriv **hjælp** for at se, hvad jeg kan.",
        "Welcome! You have joined {team} as {role}. Type **help** to see what I can do.",
    ),
    "join_bad": (
        "Den kode virker ikke. Den kan være udløbet eller allerede brugt. Bed teamlederen om "
        "en ny.",
        "That code does not work. It may have expired or already been used. Ask the team lead "
        "for a new one.",
    ),
    "join_locked": (
        "Du har skrevet for mange forkerte koder. Prøv igen efter kl. {time}. Virker koden "
        "stadig ikke, så bed teamlederen om en ny.",
        "You have typed too many wrong codes. Try again after {time}. If the code still does "
        "not work, ask the team lead for a new one.",
    ),
    "join_locked_lead": (
        "{name} har skrevet {count} forkerte tilmeldingskoder på kort tid og er spærret til "
        "kl. {time}. Kender du personen, så giv vedkommende en ny kode. Hvis ikke, prøver "
        "nogen måske at gætte sig ind.",
        "{name} typed {count} wrong join codes in a short time and is locked out until {time}. "
        "If you know the person, give them a new code. If not, someone may be trying to guess "
        "their way in.",
    ),
    "join_usage": ("Skriv **tilmeld KODE**.", "Type **join CODE**."),
    "group_chat": (
        "I en gruppechat viser jeg ikke noget om teamet: alle i chatten kan læse med. Skriv til "
        "mig i en privat chat eller i teamets kanal.",
        "In a group chat I show nothing of the team: everyone in the chat can read it. Write to "
        "me in a private chat or in the team's channel.",
    ),
    "personal_only": (
        "Skriv det til mig i en privat chat.",
        "Send that to me in a private chat.",
    ),
    # Teams and language
    "pick_team": (
        "Du er med i flere teams. Hvilket team gælder det?",
        "You are in several teams. Which team is this about?",
    ),
    "team_picked": (
        "Dine beskeder til mig gælder nu {team}. Skriv **skift team** for at skifte.",
        "Your messages to me now concern {team}. Type **switch team** to change.",
    ),
    "language_set": ("Nu skriver jeg til dig på dansk.", "I will now write to you in English."),
    "language_usage": (
        "Skriv **sprog dansk** eller **sprog engelsk**.",
        "Type **language danish** or **language english**.",
    ),
    "announce_here_ok": (
        "Morgenbeskeden kommer nu i denne kanal.",
        "The morning announcement will now be posted in this channel.",
    ),
    # Setup and settings
    "setup_title": ("Opsætning af fastholdelsestelefonen", "Setting up the retention hotline"),
    "setup_intro": (
        "Hej! Jeg holder styr på, hvem der har fastholdelsestelefonen. Vælg, hvem der er på "
        "vagtplanen, og hvem der er teamledere. Alle andre kan skrive **hjælp** til mig for at "
        "se, hvad jeg kan.",
        "Hi! I keep track of who holds the retention hotline. Choose who is on the rota and "
        "who the team leads are. Everyone else can type **help** to me to see what I can do.",
    ),
    "settings_title": ("Indstillinger for {team}", "Settings for {team}"),
    "field.phone": ("Fastholdelsestelefonens nummer", "The hotline's phone number"),
    "field.announce_time": ("Tidspunkt for morgenbeskeden", "Time of the morning announcement"),
    "field.post_language": ("Sprog i kanalen", "Language in the channel"),
    "field.closed_days": (
        "Lukkedage ud over helligdage (dd.mm eller dd.mm.åååå, adskilt med komma)",
        "Closed days besides public holidays (dd.mm or dd.mm.yyyy, separated by commas)",
    ),
    "referral_phones_intro": (
        "Når et opkald ikke hører til fastholdelsestelefonen, giver omstillingen sted og nummer "
        "videre. Skriv numrene til disse steder (du kan også gøre det senere under "
        "**indstillinger**):",
        "When a call is not for the retention hotline, the switchboard passes on where to and a "
        "number. Write the numbers of these places (you can also do it later under "
        "**settings**):",
    ),
    "referral_phone_placeholder": ("8 cifre", "8 digits"),
    "field.rota": ("På vagtplanen", "On the rota"),
    "field.leads": ("Teamledere", "Team leads"),
    "field.swap_approval": (
        "Bytte af vagter kræver en teamleders godkendelse",
        "Swapping duties needs a team lead's approval",
    ),
    "lang.da": ("Dansk", "Danish"),
    "lang.en": ("Engelsk", "English"),
    "save": ("Gem", "Save"),
    "saved_by": ("Gemt af {name}.", "Saved by {name}."),
    "settings_saved": ("Indstillingerne er gemt.", "The settings have been saved."),
    "setup_saved": (
        "Opsætningen er gemt. På vagtplanen: {rota}. Teamledere: {leads}.",
        "The setup has been saved. On the rota: {rota}. Team leads: {leads}.",
    ),
    "setup_saved_post": (
        "Morgenbeskeden med dagens vagt og nummeret {phone} kommer kl. {time} hver arbejdsdag.",
        "The morning post with the day's duty and the number {phone} comes at {time} every "
        "working day.",
    ),
    "setup_next": (
        "Næste skridt: se vagtplanen med **vagtplan**, og giv omstillingen en kode med "
        "**kode omstilling**, så den kan spørge mig.",
        "Next step: see the rota with **rota**, and give the switchboard a code with "
        "**code switchboard** so it can ask me.",
    ),
    "setup_next_rota": (
        "Næste skridt: vælg, hvem der er på vagtplanen. Skriv **opsætning** for at få kortet igen.",
        "Next step: choose who is on the rota. Type **setup** to get the card again.",
    ),
    "setup_next_phone": (
        "Næste skridt: skriv fastholdelsestelefonens nummer under **indstillinger**.",
        "Next step: enter the hotline's phone number under **settings**.",
    ),
    "setup_referrals_missing": (
        "Omstillingen mangler stadig telefonnummer til {count} steder, den henviser til. Skriv "
        "dem under **indstillinger**.",
        "The switchboard still lacks a phone number for {count} places it refers callers to. "
        "Add them under **settings**.",
    ),
    "setup_need_lead": ("Vælg mindst én teamleder.", "Choose at least one team lead."),
    "bad_phone": (
        "Telefonnummeret skal have 8 cifre, fx 70 12 34 56.",
        "The phone number must have 8 digits, e.g. 70 12 34 56.",
    ),
    "bad_referral_phone": (
        "Nummeret til {place} skal have 8 cifre, fx 70 12 34 56 (eller være tomt).",
        "The number for {place} must have 8 digits, e.g. 70 12 34 56 (or be empty).",
    ),
    "bad_time": ("Skriv tidspunktet som TT:MM, fx 08:00.", "Write the time as HH:MM, e.g. 08:00."),
    "bad_closed_days": (
        'Jeg kan ikke læse lukkedagen "{day}". Skriv den fx som 24.12 eller 27.12.2027.',
        'I can\'t read the closed day "{day}". Write it as e.g. 24.12 or 27.12.2027.',
    ),
    "none": ("ingen", "none"),
    "not_set": ("ikke indstillet", "not set"),
    # Weekdays and dates
    "weekdays": ("man,tir,ons,tor,fre,lør,søn", "mon,tue,wed,thu,fri,sat,sun"),
    "weekdays_long": (
        "mandag,tirsdag,onsdag,torsdag,fredag,lørdag,søndag",
        "Monday,Tuesday,Wednesday,Thursday,Friday,Saturday,Sunday",
    ),
    "months": (
        "januar,februar,marts,april,maj,juni,juli,august,september,oktober,november,december",
        "January,February,March,April,May,June,July,August,September,October,November,December",
    ),
    "day_format": ("{weekday} {day}. {month}", "{weekday} {day} {month}"),
    "bad_date": (
        'Jeg kan ikke læse datoen "{text}". Skriv fx i dag, i morgen, mandag, 5/1, 5.1.2027, '
        "5. januar eller 2027-01-05.",
        'I can\'t read the date "{text}". Write e.g. today, tomorrow, monday, 5/1, 5.1.2027, 5 '
        "January or 2027-01-05.",
    ),
    "no_such_date": (
        'Datoen "{text}" findes ikke i kalenderen. Tjek dag og måned, og skriv den igen.',
        'There is no such date as "{text}". Check the day and month and try again.',
    ),
    # Duty and rota
    "cmd.duty": ("Hvem har vagten (i dag eller en dato)", "Who is on duty (today or a date)"),
    "cmd.rota": ("Vis vagtplanen", "Show the rota"),
    "cmd.my_duties": ("Dine kommende vagter", "Your upcoming duties"),
    "cmd.set_duty": ("Giv en dag til en kollega", "Give a day to a colleague"),
    "cmd.generate": (
        "Planlæg vagterne i en periode forfra",
        "Plan the duties for a period again from scratch",
    ),
    "cmd.calendar": ("Link til din vagtkalender", "Link to your duty calendar"),
    "cmd.web": (
        "Link til fastholdelsestelefonens sider i browseren (virker én gang, i 10 minutter)",
        "A link to the hotline's pages in a browser (works once, for 10 minutes)",
    ),
    "cmd.team_calendar": (
        "Link til hele teamets vagtkalender (teamkalender ny: nyt link)",
        "Link to the whole team's duty calendar (team calendar new: new link)",
    ),
    "cmd.new_calendar": (
        "Nyt kalenderlink (det gamle holder op med at virke)",
        "New calendar link (the old one stops working)",
    ),
    "duty_answer": (
        "**{day}**: {holder} har fastholdelsestelefonen, {phone}. "
        "Næste arbejdsdag, {next_day}: {next_holder}.",
        "**{day}**: {holder} holds the retention hotline, {phone}. "
        "Next working day, {next_day}: {next_holder}.",
    ),
    "duty_nobody": (
        "**{day}**: ingen har fastholdelsestelefonen endnu. Næste arbejdsdag, {next_day}: "
        "{next_holder}.",
        "**{day}**: nobody holds the retention hotline yet. Next working day, {next_day}: "
        "{next_holder}.",
    ),
    "duty_closed": (
        "{day} er ikke en arbejdsdag{reason}. Næste arbejdsdag er {next_day}: {next_holder}, "
        "{phone}.",
        "{day} is not a working day{reason}. The next working day is {next_day}: {next_holder}, "
        "{phone}.",
    ),
    # A planned holder who is away: every text that names a holder words it from dialogs.holder
    "duty_away": (
        "**{day}**: {not_taken} {instead} Næste arbejdsdag, {next_day}: {next_holder}.",
        "**{day}**: {not_taken} {instead} Next working day, {next_day}: {next_holder}.",
    ),
    "holder_away.vacation": ("{name} har ferie", "{name} is on vacation"),
    "holder_away.day_off": ("{name} har fri", "{name} has a day off"),
    "holder_away.toil": ("{name} har afspadsering", "{name} has time off in lieu"),
    "holder_away.course": ("{name} er på kursus", "{name} is on a course"),
    "holder_away.sick": ("{name} er fraværende", "{name} is away"),
    "holder_away.away": ("{name} er fraværende", "{name} is away"),
    "holder_you.vacation": ("du har ferie", "you are on vacation"),
    "holder_you.day_off": ("du har fri", "you have a day off"),
    "holder_you.toil": ("du har afspadsering", "you have time off in lieu"),
    "holder_you.course": ("du er på kursus", "you are on a course"),
    "holder_you.sick": ("du er fraværende", "you are away"),
    "holder_you.away": ("du er fraværende", "you are away"),
    "holder_not_taken": (
        "{away} – vagten er ikke taget endnu.",
        "{away} – nobody has taken the duty yet.",
    ),
    "holder_short": ("ingen ({away})", "nobody ({away})"),
    "holder_call_cover": (
        "Ring i stedet til {name} (foreslået afløser).",
        "Call {name} instead (the suggested cover).",
    ),
    "holder_call_leads": (
        "Ring i stedet til teamlederen: {names}.",
        "Call the team lead instead: {names}.",
    ),
    "holder_call_nobody": (
        "Der er ingen at ringe til i stedet: teamet har ingen ledig og ingen teamleder.",
        "There is nobody to call instead: the team has nobody free and no team lead.",
    ),
    "holder_take": (
        "{away}, og vagten mangler en afløser. Kan du tage den?",
        "{away}, and the duty needs cover. Can you take it?",
    ),
    "nobody": ("ingen endnu", "nobody yet"),
    "no_phone": ("nummeret er ikke indstillet", "the number is not set"),
    "rota_title": ("Vagtplan {first} – {last}", "Rota {first} – {last}"),
    "rota_today": ("i dag", "today"),
    "rota_you": ("dig", "you"),
    "rota_week": ("Uge {week}", "Week {week}"),
    "rota_away": ("{away} – ikke taget endnu", "{away} – not taken yet"),
    "rota_past_nobody": ("–", "–"),
    "rota_empty": (
        "Der er endnu ingen på vagtplanen. En teamleder sætter en kollega på med **på vagtplan "
        "NAVN**.",
        "Nobody is on the rota yet. A team lead puts a colleague on it with **on rota NAME**.",
    ),
    "rota_usage": (
        "Skriv fx **vagtplan**, **vagtplan næste uge**, **vagtplan uge 3**, "
        "**vagtplan 21.12**, **vagtplan december** eller **vagtplan måned**.",
        "Type e.g. **rota**, **rota next week**, **rota week 3**, **rota 2026-12-21**, "
        "**rota december** or **rota month**.",
    ),
    "my_duties_title": ("Dine kommende vagter", "Your upcoming duties"),
    "my_duty_away": (
        "{day} – {not_taken}",
        "{day} – {not_taken}",
    ),
    "my_duties_none": (
        "Du har ingen vagter de næste {weeks} uger.",
        "You have no duties in the next {weeks} weeks.",
    ),
    "set_duty_ok": (
        "{day}: {name} har nu fastholdelsestelefonen.",
        "{day}: {name} now holds the retention hotline.",
    ),
    "set_duty_usage": (
        "Skriv fx **sæt vagt 5.1 Anne**.",
        "Type e.g. **set duty 2027-01-05 Anne**.",
    ),
    "not_working_day": ("{day} er ikke en arbejdsdag.", "{day} is not a working day."),
    "not_on_rota": ("{name} er ikke på vagtplanen.", "{name} is not on the rota."),
    "generated": (
        "Vagtplanen fra {first} til {last} er lagt forfra. Dage med en ny på vagt: {changed}.",
        "The rota from {first} to {last} has been planned again. Days with a new person on "
        "duty: {changed}.",
    ),
    "range_usage": (
        "Skriv fx **lav vagtplan 4.1.2027 29.1.2027**.",
        "Type e.g. **generate rota 2027-01-04 2027-01-29**.",
    ),
    "range_backwards": (
        "Slutdatoen ligger før startdatoen.",
        "The end date is before the start date.",
    ),
    "range_too_long": (
        "Du kan højst planlægge to år ad gangen.",
        "You can plan at most two years at a time.",
    ),
    "range_past": (
        "Dage, der er gået, kan ikke planlægges om.",
        "Days that have passed cannot be planned again.",
    ),
    # Morning announcement and reminders
    "announce": (
        "God morgen! I dag, {day}, har {holder} fastholdelsestelefonen: **{phone}**. Næste "
        "arbejdsdag ({next_day}): {next_holder}.",
        "Good morning! Today, {day}, {holder} holds the retention hotline: **{phone}**. Next "
        "working day ({next_day}): {next_holder}.",
    ),
    "announce_nobody": (
        "God morgen! I dag, {day}, har **ingen** fastholdelsestelefonen{why}. Forslag: "
        "{suggestion}, der har færrest vagter i denne måned. Teamlederne har fået besked.",
        "Good morning! Today, {day}, **nobody** holds the retention hotline{why}. Suggestion: "
        "{suggestion}, who has the fewest duties this month. The team leads have been told.",
    ),
    "announce_nobody_lead": (
        "Ingen har fastholdelsestelefonen i dag, {day}{why}. Forslag: {suggestion}. Skriv "
        "**sæt vagt {date} NAVN** for at give dagen til en kollega.",
        "Nobody holds the retention hotline today, {day}{why}. Suggestion: {suggestion}. Type "
        "**set duty {date} NAME** to give the day to a colleague.",
    ),
    "announce_away": (
        "God morgen! I dag, {day}: {not_taken} {instead} Nummeret er **{phone}**. Teamlederne "
        "har fået besked. Næste arbejdsdag ({next_day}): {next_holder}.",
        "Good morning! Today, {day}: {not_taken} {instead} The number is **{phone}**. The team "
        "leads have been told. Next working day ({next_day}): {next_holder}.",
    ),
    "why_absent": (" ({name} er fraværende)", " ({name} is away)"),
    "no_suggestion": ("ingen ledig", "nobody free"),
    "headsup": (
        "Husk: du har fastholdelsestelefonen {day}. Nummeret er {phone}.",
        "Reminder: you hold the retention hotline on {day}. The number is {phone}.",
    ),
    "headsup_away": (
        "I morgen, {day}: {not_taken} Forslag: {suggestion}. Skriv **sæt vagt {date} NAVN** "
        "for at give dagen til en kollega.",
        "Tomorrow, {day}: {not_taken} Suggestion: {suggestion}. Type **set duty {date} NAME** "
        "to give the day to a colleague.",
    ),
    # Switchboard
    "cmd.check": (
        "Hører opkaldet til fastholdelsestelefonen? Skriv tjek, eller tjek og en beskrivelse",
        "Does the call belong to the hotline? Type check, or check and a description",
    ),
    "cmd.briefing": ("Dagens overblik til omstillingen", "Today's briefing for the switchboard"),
    "guide_title": (
        "Hører opkaldet til fastholdelsestelefonen?",
        "Does the call belong to the retention hotline?",
    ),
    "guide_who": ("Hvem ringer?", "Who is calling?"),
    "guide_what": ("Hvad handler det om?", "What is it about?"),
    "guide_answer": ("Se svaret", "See the answer"),
    "who.employer": ("Arbejdsgiver", "Employer"),
    "who.employee": ("Ansat (i job)", "Employee (in work)"),
    "who.unemployed": ("Ledig", "Unemployed"),
    "who.self_employed": ("Selvstændig", "Self-employed"),
    "who.other": ("Andre", "Someone else"),
    "what.risk": ("Risiko for sygemelding", "Risk of sick leave"),
    "what.ongoing": (
        "Sygemeldt og ønsker tidlig hjælp, møde eller delvis raskmelding",
        "On sick leave and wants early help, a meeting or partial return",
    ),
    "what.fast_track": ("Fast track", "Fast track"),
    "what.payment": ("Udbetaling, refusion eller NemRefusion", "Payment, refund or NemRefusion"),
    "what.existing_case": ("En sag med egen sagsbehandler", "An existing case with a caseworker"),
    "what.complaint": ("Klage over en afgørelse", "Complaint about a decision"),
    "what.other": ("Andet", "Something else"),
    "guide_pick_both": (
        "Vælg både hvem der ringer, og hvad det handler om.",
        "Choose both who is calling and what it is about.",
    ),
    "verdict_yes": (
        "Stil om til fastholdelsestelefonen",
        "Put the call through to the retention hotline",
    ),
    "verdict_yes_away": ("Hører til fastholdelsestelefonen", "Belongs to the retention hotline"),
    "verdict_yes_closed": (
        "Hører til fastholdelsestelefonen – lukket nu",
        "Belongs to the retention hotline – closed now",
    ),
    "verdict_no": ("Ikke til fastholdelsestelefonen", "Not for the retention hotline"),
    "verdict_unsure": (
        "Det kan jeg ikke afgøre ud fra beskrivelsen. Brug guiden:",
        "I cannot tell from the description. Use the guide:",
    ),
    "verdict_open": (
        "Lige nu har {holder} fastholdelsestelefonen: **{phone}**. Næste arbejdsdag: "
        "{next_holder}.",
        "Right now {holder} holds the retention hotline: **{phone}**. Next working day: "
        "{next_holder}.",
    ),
    "verdict_open_away": (
        "{not_taken} {instead} Næste arbejdsdag: {next_holder}.",
        "{not_taken} {instead} Next working day: {next_holder}.",
    ),
    "verdict_closed": (
        "Bed den, der ringer, om at ringe igen {when} på **{phone}**. Så har {holder} "
        "fastholdelsestelefonen.",
        "Ask the caller to call again {when} on **{phone}**. Then {holder} holds the retention "
        "hotline.",
    ),
    "verdict_never": (
        "Der er ikke indstillet nogen åbningstider.",
        "No opening hours have been set.",
    ),
    "verdict_where": (
        "Stil om til: **{target}**{phone}",
        "Put the call through to: **{target}**{phone}",
    ),
    "verdict_no_number": (
        " – nummeret mangler; bed en teamleder om at skrive det ind",
        " – the number is missing; ask a team lead to fill it in",
    ),
    "verdict_ask_who": (
        "Spørg, om den, der ringer, er arbejdsgiver eller ansat i job. Er det tilfældet, hører "
        "opkaldet til fastholdelsestelefonen.",
        "Ask whether the caller is an employer or an employee in work. If so, the call belongs "
        "to the retention hotline.",
    ),
    "verdict_reasons": ("Det lagde jeg vægt på: {reasons}", "What I went by: {reasons}"),
    "when": ("{day} kl. {time}", "{day} at {time}"),
    "when_from": ("{day} fra kl. {time}", "{day} from {time}"),
    "briefing_title": ("Omstillingen i dag, {day}", "The switchboard today, {day}"),
    "briefing_holder": (
        "I dag har {holder} fastholdelsestelefonen: **{phone}**. Den er åben kl. {hours}.",
        "Today {holder} holds the retention hotline: **{phone}**. It is open {hours}.",
    ),
    "briefing_holder_away": (
        "Fastholdelsestelefonen i dag: {not_taken} {instead} Nummeret er **{phone}**. Den er "
        "åben kl. {hours}.",
        "The retention hotline today: {not_taken} {instead} The number is **{phone}**. It is "
        "open {hours}.",
    ),
    "briefing_closed": (
        "Fastholdelsestelefonen er lukket i dag.",
        "The retention hotline is closed today.",
    ),
    "briefing_yes": ("Til fastholdelsestelefonen", "For the retention hotline"),
    "briefing_no": ("Ikke til fastholdelsestelefonen", "Not for the retention hotline"),
    "briefing_yes_1": (
        "Arbejdsgiver eller ansat, der er bange for en sygemelding",
        "An employer or employee who fears sick leave",
    ),
    "briefing_yes_2": (
        "Sygemeldt i job, og arbejdsgiveren vil tidligt i gang: møde eller delvis raskmelding",
        "On sick leave from a job, and the employer wants early help: a meeting or a partial "
        "return",
    ),
    "briefing_yes_3": (
        "Fast track: hvad det er, og hvordan man beder om det",
        "Fast track: what it is and how to ask for it",
    ),
    "briefing_no_line": ("{what} → {target}", "{what} → {target}"),
    # Absences
    "cmd.away": (
        "Meld fravær, fx fravær 21.12-2.1 ferie",
        "Report an absence, e.g. away 2026-12-21..2027-01-02 vacation",
    ),
    "cmd.my_absences": ("Dit fravær (og slet det)", "Your absences (and delete them)"),
    "kind.vacation": ("ferie", "vacation"),
    "kind.day_off": ("fri", "day off"),
    "kind.toil": ("afspadsering", "time off in lieu"),
    "kind.course": ("kursus", "course"),
    "kind.sick": ("syg", "sick"),
    "away_usage": (
        "Skriv fx **fravær 21.12-2.1 ferie** eller **fravær 5.1 kursus**. Typer: ferie, fri, "
        "afspadsering, kursus, syg.",
        "Type e.g. **away 2026-12-21..2027-01-02 vacation** or **away 2027-01-05 course**. "
        "Types: vacation, day off, time off in lieu, course, sick.",
    ),
    "away_too_long": (
        "Et fravær kan højst vare et år. Meld et længere fravær i flere dele.",
        "An absence can last at most a year. Report a longer absence in several parts.",
    ),
    "away_past": (
        "Fraværet er allerede overstået. Du kan kun melde fravær fra i dag og frem.",
        "The absence is already over. You can only report absences from today onwards.",
    ),
    "away_ok": (
        "Dit fravær er registreret: {first} – {last} ({kind}).",
        "Your absence is registered: {first} – {last} ({kind}).",
    ),
    "away_ok.one": (
        "Dit fravær er registreret: {first} ({kind}).",
        "Your absence is registered: {first} ({kind}).",
    ),
    "away_ok_other": (
        "Fraværet for {name} er registreret: {first} – {last} ({kind}).",
        "{name}'s absence is registered: {first} – {last} ({kind}).",
    ),
    "away_ok_other.one": (
        "Fraværet for {name} er registreret: {first} ({kind}).",
        "{name}'s absence is registered: {first} ({kind}).",
    ),
    "away_conflicts": (
        "Fraværet falder på vagter på fastholdelsestelefonen: {days}. Jeg har slået vagterne "
        "op i kanalen, så en kollega kan tage dem. Indtil nogen gør det, står de uændret på "
        "vagtplanen.",
        "The absence falls on retention hotline duties: {days}. I have posted the duties in "
        "the channel so that a colleague can take them. Until someone does, they stay on the "
        "rota as they are.",
    ),
    "my_absences_none": ("Du har intet fravær registreret.", "You have no absences registered."),
    "my_absences_title": ("Dit fravær", "Your absences"),
    "absence_line": ("{first} – {last}: {kind}", "{first} – {last}: {kind}"),
    "absence_line.one": ("{first}: {kind}", "{first}: {kind}"),
    "cancel": ("Fortryd", "Cancel"),
    "absence_cancelled": (
        "Fraværet {first} – {last} er slettet.",
        "The absence {first} – {last} has been deleted.",
    ),
    "absence_cancelled.one": (
        "Fraværet {first} er slettet.",
        "The absence on {first} has been deleted.",
    ),
    # Swaps
    "cmd.swap": (
        "Byt en vagt: byt 5.1, eller byt 5.1 med Bo (mod 12.1)",
        "Swap a duty: swap 2027-01-05, or swap 2027-01-05 with Bo (for 2027-01-12)",
    ),
    "cmd.swaps": ("Åbne ønsker om bytte", "Open swap requests"),
    "cmd.history": ("En dags historik: historik 5.1", "A day's history: history 2027-01-05"),
    "swap_usage": (
        "Skriv fx **byt 5.1**, **byt 5.1 med Bo** eller **byt 5.1 med Bo mod 12.1**.",
        "Type e.g. **swap 2027-01-05**, **swap 2027-01-05 with Bo** or **swap 2027-01-05 with Bo for 2027-01-12**.",
    ),
    "swap_not_yours": ("Du har ikke vagten {day}.", "You do not hold the duty on {day}."),
    "swap_not_theirs": ("{name} har ikke vagten {day}.", "{name} does not hold the duty on {day}."),
    "swap_past": (
        "Den dag er allerede gået, så den kan ikke byttes.",
        "That day has already passed, so it cannot be swapped.",
    ),
    "swap_not_working_day": (
        "Du kan ikke bytte {day}: det er ikke en arbejdsdag.",
        "You cannot swap {day}: it is not a working day.",
    ),
    "swap_exists": (
        "Der er allerede et åbent ønske om at bytte {day}.",
        "There is already an open request to swap {day}.",
    ),
    "swap_open_ok": (
        "Dit ønske om at bytte {day} er slået op i kanalen.",
        "Your request to swap {day} is posted in the channel.",
    ),
    "swap_direct_ok": (
        "Jeg har bedt {name} om at tage din vagt {day}. Du får besked, når {name} svarer.",
        "I have asked {name} to take your duty on {day}. You will hear when {name} answers.",
    ),
    "swap_open_card": (
        "**{name}** søger en, der kan tage fastholdelsestelefonen **{day}**{why}. Kan du tage "
        "vagten?",
        "**{name}** is looking for someone to hold the retention hotline on **{day}**{why}. "
        "Can you take it?",
    ),
    "swap_days_card": (
        "**{name}** søger en, der kan tage fastholdelsestelefonen disse dage{why}. Kan du tage "
        "en af dem?",
        "**{name}** is looking for someone to hold the retention hotline on these days{why}. "
        "Can you take one?",
    ),
    "swap_day_taken": ("{day} ({name}): taget af {taker}", "{day} ({name}): taken by {taker}"),
    "swap_day_awaiting": (
        "{day} ({name}): taget af {taker}, venter på en teamleders godkendelse",
        "{day} ({name}): taken by {taker}, waiting for a team lead's approval",
    ),
    "swap_day_closed": ("{day} ({name}): {status}", "{day} ({name}): {status}"),
    "swap_direct_card": (
        "**{name}** spørger, om du vil tage fastholdelsestelefonen **{day}**{offer}.",
        "**{name}** asks whether you will hold the retention hotline on **{day}**{offer}.",
    ),
    "swap_offer": (" i bytte for din vagt {day}", " in exchange for your duty on {day}"),
    "why_absence": (" (fravær)", " (absent)"),
    "take": ("Tag vagten", "Take it"),
    "accept": ("Ja, jeg tager den", "Yes, I'll take it"),
    "decline": ("Nej tak", "No, thanks"),
    "swap_taken_card": ("Taget af {name}.", "Taken by {name}."),
    "swap_declined_card": ("{name} sagde nej.", "{name} said no."),
    "swap_done": ("Tak! Du har nu vagten {day}.", "Thank you! You now hold the duty on {day}."),
    "swap_cancelled": (
        "Dit ønske om at bytte {day} er trukket tilbage. Du har stadig vagten.",
        "Your request to swap {day} is withdrawn. You still hold the duty.",
    ),
    "history.swap_cancelled": ("trak ønsket om bytte tilbage", "withdrew the swap request"),
    "swap_declined_ok": (
        "Du har sagt nej til at tage vagten {day}.",
        "You have said no to taking the duty on {day}.",
    ),
    "swap_told_taken": ("{name} tager din vagt {day}.", "{name} takes your duty on {day}."),
    "swap_told_declined": (
        "{name} kan ikke tage din vagt {day}. Skriv **byt {date}** for at spørge alle.",
        "{name} cannot take your duty on {day}. Type **swap {date}** to ask everyone.",
    ),
    "swap_already": ("Den er allerede {status}{by}.", "It is already {status}{by}."),
    "swap_already_awaiting": (
        "Den er allerede taget{by} og venter på en teamleders godkendelse.",
        "It is already taken{by} and waiting for a team lead's approval.",
    ),
    "swap_by": (" af {name}", " by {name}"),
    "status.taken": ("taget", "taken"),
    "status.awaiting_approval": (
        "taget og venter på en teamleders godkendelse",
        "taken and waiting for a team lead's approval",
    ),
    "swap_wait_approval": (
        "Tak! En teamleder skal godkende byttet {day}. Du får besked.",
        "Thank you! A team lead must approve the swap of {day}. You will be told.",
    ),
    "swap_approval_card": (
        "**{taker}** vil tage vagten {day} fra **{name}**. Godkender du byttet?",
        "**{taker}** wants to take **{name}**'s duty on {day}. Do you approve the swap?",
    ),
    "approve": ("Godkend", "Approve"),
    "reject": ("Afvis", "Reject"),
    "swap_approved_card": ("Godkendt af {name}.", "Approved by {name}."),
    "swap_rejected_card": (
        "Afvist af {name}. Ønsket er åbent igen.",
        "Rejected by {name}. The request is open again.",
    ),
    "swap_told_approved": (
        "Byttet {day} er godkendt: {taker} har vagten.",
        "The swap of {day} is approved: {taker} holds the duty.",
    ),
    "swap_told_rejected": (
        "En teamleder har afvist, at du tager vagten {day}.",
        "A team lead has not approved you taking the duty on {day}.",
    ),
    "history.swap_approved": ("godkendte byttet", "approved the swap"),
    "history.swap_rejected": ("afviste byttet", "rejected the swap"),
    "status.declined": ("afslået", "declined"),
    "status.cancelled": ("trukket tilbage", "cancelled"),
    "status.expired": ("udløbet", "expired"),
    "swap_own": ("Det er dit eget ønske.", "That is your own request."),
    "swap_own_open": (
        "Det er dit eget ønske om at bytte {day}. Beholder du selv vagten, kan du trække "
        "ønsket tilbage.",
        "That is your own request to swap {day}. If you keep the duty yourself, you can "
        "withdraw the request.",
    ),
    "swap_own_closed": (
        "Det er dit eget ønske om at bytte {day}. Det er {status}{by}.",
        "That is your own request to swap {day}. It is {status}{by}.",
    ),
    "swap_yours_already": (
        "Du har allerede taget vagten {day}.",
        "You have already taken the duty on {day}.",
    ),
    "swap_yours_awaiting": (
        "Du har allerede taget vagten {day}. Den venter på en teamleders godkendelse.",
        "You have already taken the duty on {day}. It is waiting for a team lead's approval.",
    ),
    "withdraw": ("Træk ønsket tilbage", "Withdraw the request"),
    "swap_not_available": (
        "Du kan ikke tage {day}: du er ikke på vagtplanen, arbejder ikke den ugedag eller er fraværende.",
        "You cannot take {day}: you are not on the rota, do not work that weekday, or are away.",
    ),
    "swap_not_for_you": (
        "Det ønske er sendt til en anden kollega.",
        "That request was sent to another colleague.",
    ),
    "swaps_none": ("Der er ingen åbne ønsker om bytte.", "There are no open swap requests."),
    "swaps_title": ("Åbne ønsker om bytte", "Open swap requests"),
    "swap_line": ("{day}: {name}{target}", "{day}: {name}{target}"),
    "swap_to": (" (spurgt: {name})", " (asked: {name})"),
    "swap_line_awaiting": (
        "{day}: {name} – taget af {taker}, venter på en teamleders godkendelse",
        "{day}: {name} – taken by {taker}, waiting for a team lead's approval",
    ),
    "swap_reminder": (
        "Fastholdelsestelefonen mangler stadig en på vagt **{day}** ({name} kan ikke). Skriv "
        "**bytter** for at tage vagten.",
        "The retention hotline still needs someone on **{day}** ({name} cannot). Type "
        "**swaps** to take it.",
    ),
    "swap_escalation": (
        "Ingen har taget vagten i morgen, {day}, som {name} har bedt om at bytte. Skriv **sæt "
        "vagt {date} NAVN** for at give den til en kollega.",
        "Nobody has taken {name}'s duty tomorrow, {day}. Type **set duty {date} NAME** to give "
        "it to a colleague.",
    ),
    # Same-day cover
    "cmd.sick": ("Syg i dag: giv din vagt videre fra nu", "Sick today: hand your duty on from now"),
    "sick_not_holder": (
        "Du har ikke vagten i dag, så der er intet at give videre. Dit fravær er registreret.",
        "You do not hold today's duty, so there is nothing to hand on. Your absence is registered.",
    ),
    "sick_title": (
        "{name} er syg: hvem tager fastholdelsestelefonen fra nu?",
        "{name} is sick: who takes the retention hotline from now?",
    ),
    "sick_suggestion": (
        "Forslag: {name}, der har færrest vagter i denne måned.",
        "Suggestion: {name}, who has the fewest duties this month.",
    ),
    "sick_nobody": (
        "Ingen kolleger er ledige i dag. En teamleder kan give vagten videre med **sæt vagt**.",
        "No colleague is free today. A team lead can give the duty to someone with **set duty**.",
    ),
    "sick_cover": ("Vagten går til", "The duty goes to"),
    "sick_confirm": ("Giv vagten videre", "Hand the duty on"),
    "sick_done": (
        "{name} har fastholdelsestelefonen fra kl. {time}.",
        "{name} holds the retention hotline from {time}.",
    ),
    "sick_correction": (
        "Rettelse: {cover} har fastholdelsestelefonen fra kl. {time} i dag i stedet for {name}. Nummeret er stadig **{phone}**.",
        "Correction: {cover} holds the retention hotline from {time} today instead of {name}. The number is still **{phone}**.",
    ),
    "sick_told_cover": (
        "Du har fastholdelsestelefonen fra kl. {time} i dag ({name} er syg). Nummeret er {phone}.",
        "You hold the retention hotline from {time} today ({name} is sick). The number is {phone}.",
    ),
    # History
    "history_none": (
        "Der er endnu ingen historik for {day}.",
        "There is no history for {day} yet.",
    ),
    "history_title": ("Historik for {day}", "History of {day}"),
    "history_line": ("{time} {actor}: {what}", "{time} {actor}: {what}"),
    "system": ("botten", "the bot"),
    "history.duty": ("vagten {before} → {after}", "duty {before} → {after}"),
    "history.swap_requested": ("bad om bytte", "asked for a swap"),
    "history.swap_taken": ("tog vagten", "took the duty"),
    "history.swap_declined": ("sagde nej til bytte", "declined the swap"),
    "history.swap_expired": ("ønsket om bytte udløb", "the swap request expired"),
    "history.swap_escalated": (
        "ønsket om bytte gik til lederne",
        "the swap request went to the leads",
    ),
    "history.handover": (
        "vagten gik videre {before} → {after}",
        "duty handed on {before} → {after}",
    ),
    "history.absence": ("fravær registreret", "absence registered"),
    # Cases
    "cmd.new_case": ("Registrér et opkald som en sag", "Log a call as a case"),
    "cmd.case": ("Vis en sag: sag 12", "Show a case: case 12"),
    "cmd.my_cases": ("Dine åbne sager og frister", "Your open cases and deadlines"),
    "cmd.cases_today": ("Dagens sager og hvem der har plads", "Today's cases and who has room"),
    "cmd.cases_week": ("Ugens sager", "This week's cases"),
    "cmd.reassign": ("Giv en sag videre: overdrag 12 til Bo", "Pass a case on: reassign 12 to Bo"),
    "cmd.stats": ("Tal for uge, måned eller år", "Figures for a week, month or year"),
    "case_new_title": ("Ny sag", "New case"),
    "case_caller": ("Hvem ringede?", "Who called?"),
    "case_caller_required": ("Vælg, hvem der ringede.", "Choose who called."),
    "caller.employer": ("Arbejdsgiver", "Employer"),
    "caller.employee": ("Ansat", "Employee"),
    "caller.other": ("Andre", "Someone else"),
    "case_company": ("Virksomhed", "Company"),
    "case_contact": ("Kontaktperson", "Contact person"),
    "case_phone": ("Kontaktpersonens telefonnummer", "Contact person's phone number"),
    "case_employee": (
        "Medarbejderens navn eller initialer (aldrig CPR-nummer)",
        "The employee's name or initials (never a CPR number)",
    ),
    "case_topic": ("Emne", "Topic"),
    "case_topic_required": ("Vælg emnet.", "Choose the topic."),
    "topic.risk": ("Risiko for sygemelding", "Risk of sick leave"),
    "topic.ongoing": ("Igangværende sygemelding", "Ongoing sick leave"),
    "topic.fast_track": ("Fast track", "Fast track"),
    "topic.question": ("Spørgsmål", "Question"),
    "case_note": ("Kort note (kun det, arbejdet kræver)", "Short note (only what the work needs)"),
    "case_call_date": ("Opkaldets dato", "Date of the call"),
    "case_call_time": ("Opkaldets tidspunkt", "Time of the call"),
    "case_save": ("Opret sagen", "Create the case"),
    "case_missing": (
        "Udfyld, hvem der ringede, og vælg et emne.",
        "Fill in who called and choose a topic.",
    ),
    "case_note_long": (
        "Noten er for lang. Den må højst have {max} tegn.",
        "The note is too long. It may have at most {max} characters.",
    ),
    "case_bad_time": (
        "Jeg kan ikke læse opkaldets tidspunkt, eller det ligger i fremtiden.",
        "I can't read the time of the call, or it is in the future.",
    ),
    "case_created": (
        "Sag #{number} er oprettet. Den tilhører {owner}, der havde fastholdelsestelefonen {when}.",
        "Case #{number} has been created. It belongs to {owner}, who held the retention "
        "hotline on {when}.",
    ),
    "case_title": ("Sag #{number}", "Case #{number}"),
    "case_owner": ("Ejer", "Owner"),
    "case_called": ("Opkald", "Call"),
    # Short labels for the case card's facts (the intake card asks in whole sentences).
    "case_fact.caller": ("Opkald fra", "Caller"),
    "case_fact.contact": ("Kontakt", "Contact"),
    "case_fact.phone": ("Telefon", "Phone"),
    "case_fact.employee": ("Medarbejder", "Employee"),
    "case_fact.advice": ("Rådgivning", "Advice"),
    "case_fact.first_absence": ("Første fraværsdag", "First day of absence"),
    "case_fact.first_talk": ("Første samtale holdt", "First talk held"),
    "case_outcome_label": ("Udfald", "Outcome"),
    "outcome.settled": ("Klaret i telefonen", "Settled on the phone"),
    "outcome.round_table": ("Rundbordssamtale aftalt", "Round-table meeting booked"),
    "outcome.fast_track": ("Fast track anmodet", "Fast track requested"),
    "outcome.referred": ("Henvist videre", "Referred elsewhere"),
    "outcome.closed": ("Lukket", "Closed"),
    "outcome.none": ("Intet endnu", "None yet"),
    "case_advice": ("Hvad blev der rådgivet om?", "What was advised?"),
    "advice.partial_return": ("Delvis raskmelding", "Partial return"),
    "advice.work_trial": ("Virksomhedspraktik", "Work trial"),
    "advice.adjustments": ("Tilpasninger på arbejdet", "Adjustments at work"),
    "advice.other": ("Andet", "Other"),
    "case_meeting_day": ("Mødedato", "Meeting date"),
    "case_meeting_time": ("Mødetidspunkt", "Meeting time"),
    "case_at_time": ("kl. {time}", "at {time}"),
    "case_meeting_place": ("Mødested", "Meeting place"),
    "case_meeting_reason": (
        "Begrundelse, hvis mødet ikke holdes 1-7 dage efter opkaldet",
        "Reason, if the meeting is not held 1-7 days after the call",
    ),
    "case_request_date": (
        "Anmodning om Fast track modtaget den",
        "Fast-track request received on",
    ),
    "case_first_absence": ("Første fraværsdag (hvis kendt)", "First day of absence (if known)"),
    "case_first_talk": ("Første opfølgningssamtale holdt den", "First follow-up talk held on"),
    "case_referred_to": ("Henvist til", "Referred to"),
    "case_not_hotline": (
        "Var det et opkald, der ikke hørte til fastholdelsestelefonen?",
        "Was it a call that did not belong to the retention hotline?",
    ),
    "not_hotline.none": ("Nej, det hørte til her", "No, it belonged here"),
    "case_save_outcome": ("Gem udfald", "Save outcome"),
    "case_register_outcome": ("Registrér udfald", "Record outcome"),
    "case_pick_outcome": ("Hvad blev udfaldet?", "What was the outcome?"),
    "case_card_stale": (
        "Sag #{number} er ændret, siden kortet blev vist, så intet er gemt. Her er sagen, "
        "som den er nu.",
        "Case #{number} has changed since the card was shown, so nothing was saved. Here is "
        "the case as it is now.",
    ),
    "case_outcome_saved": ("Sag #{number}: {outcome}.", "Case #{number}: {outcome}."),
    "case_outcome_details": ("{outcome}: {details}", "{outcome}: {details}"),
    "case_summary.fast_track": ("anmodning modtaget {day}", "request received {day}"),
    "case_summary.referred": ("til {where}", "to {where}"),
    "case_need_meeting": ("Skriv mødedatoen.", "Enter the meeting date."),
    "case_meeting_reason_needed": (
        "Mødet ligger {days} efter opkaldet. Normalt ligger det 1-7 dage efter, så skriv en "
        "begrundelse.",
        "The meeting is {days} after the call. It is normally 1-7 days after, so give a reason.",
    ),
    "case_meeting_reason_closed": (
        "Mødet ligger {day}{holiday}, som ikke er en arbejdsdag. Skriv en begrundelse.",
        "The meeting is on {day}{holiday}, which is not a working day. Give a reason.",
    ),
    "case_need_request_date": (
        "Skriv den dato, hvor anmodningen om Fast track blev modtaget.",
        "Enter the date the Fast-track request was received.",
    ),
    "case_request_before_absence": (
        "Anmodningen om Fast track kan ikke være modtaget {request}, før fraværet begyndte "
        "{first}. Ret en af datoerne.",
        "The Fast-track request cannot have been received on {request}, before the absence "
        "began on {first}. Correct one of the dates.",
    ),
    "case_need_referral": (
        "Skriv, hvor opkaldet blev henvist til.",
        "Enter where the call was referred to.",
    ),
    "case_deadline.fast_track_talk": (
        "Første samtale (Fast track) senest {due}",
        "First talk (Fast track) by {due}",
    ),
    "case_deadline.request_window": (
        "Arbejdsgiveren skal anmode om Fast track senest {due}",
        "The employer must request Fast track by {due}",
    ),
    "case_deadline.ordinary_talk": (
        "Første samtale (uge 8) senest {due}",
        "First talk (week 8) by {due}",
    ),
    "deadline_next": ("Næste frist", "Next deadline"),
    "deadline_last_working_day": ("sidste arbejdsdag {day}", "last working day {day}"),
    "deadline_last_working_day_note": (
        "Sidste arbejdsdag inden da er {day}.",
        "The last working day before it is {day}.",
    ),
    "n_days": ("{n} dage", "{n} days"),
    "n_days.one": ("{n} dag", "{n} day"),
    "deadline_left": ("{days} tilbage", "{days} left"),
    "deadline_overdue": ("overskredet med {days}", "overdue by {days}"),
    "deadline_met": ("overholdt", "met"),
    "deadline_missed": ("ikke overholdt", "missed"),
    "case_unknown": (
        "Sag #{number} findes ikke i teamet.",
        "Case #{number} does not exist in the team.",
    ),
    "case_usage": ("Skriv fx **sag 12**.", "Type e.g. **case 12**."),
    "case_closed_already": (
        "Sag #{number} er allerede lukket.",
        "Case #{number} is already closed.",
    ),
    "my_cases_none": ("Du har ingen åbne sager.", "You have no open cases."),
    "my_cases_title": ("Dine åbne sager", "Your open cases"),
    # Not "later": a case cut off can share its deadline with the last one shown.
    "my_cases_later": (
        "{n} sager mere er ikke vist: deres frister er ikke nærmere end dem ovenfor, eller de "
        "har ingen.",
        "{n} more cases are not shown: their deadlines are no nearer than those above, or they "
        "have none.",
    ),
    "my_cases_later.one": (
        "Én sag mere er ikke vist: dens frist er ikke nærmere end dem ovenfor, eller den har "
        "ingen.",
        "One more case is not shown: its deadline is no nearer than those above, or it has none.",
    ),
    "case_line": (
        "#{number} {who}: {topic} (opkald {when})",
        "#{number} {who}: {topic} (call {when})",
    ),
    "case_line_unnamed": ("ingen virksomhed", "no company"),
    "cases_none": ("Ingen sager i perioden.", "No cases in the period."),
    "cases_today_title": ("Dagens sager", "Today's cases"),
    "cases_week_title": ("Ugens sager", "This week's cases"),
    "cases_earlier": (
        "De første {n} sager i perioden er ikke vist her. Skriv et sagsnummer, fx **sag 12**, "
        "for at se én sag.",
        "The first {n} cases of the period are not shown here. Write a case number, e.g. "
        "**case 12**, to see one case.",
    ),
    "cases_earlier.one": (
        "Periodens første sag er ikke vist her. Skriv et sagsnummer, fx **sag 12**, for at se "
        "én sag.",
        "The first case of the period is not shown here. Write a case number, e.g. **case 12**, "
        "to see one case.",
    ),
    "cases_load": (
        "Åbne sager pr. kollega: {load}. Mindst belastet: {least}.",
        "Open cases per colleague: {load}. Least loaded: {least}.",
    ),
    "reassign_usage": ("Skriv fx **overdrag 12 til Bo**.", "Type e.g. **reassign 12 to Bo**."),
    "reassign_not_staff": (
        "{name} kan ikke overtage sager: kun teamets sagsbehandlere og ledere kan det.",
        "{name} cannot take over cases: only the team's caseworkers and leads can.",
    ),
    "reassign_not_owner": (
        "Kun sagens ejer eller en teamleder kan give den videre.",
        "Only the case's owner or a team lead can pass it on.",
    ),
    "reassign_absent": (
        "{name} er fraværende i dag. Skal sagen alligevel gives til {name}?",
        "{name} is away today. Give the case to {name} anyway?",
    ),
    "reassign_yes": ("Ja, giv den videre", "Yes, pass it on"),
    "reassigned": (
        "Sag #{number} er givet videre til {name}.",
        "Case #{number} is passed on to {name}.",
    ),
    "reassigned_told": (
        "Du har fået sag #{number} fra {name}.",
        "You have been given case #{number} by {name}.",
    ),
    "case_coming_meeting": (
        "Rundbordssamtale {day}{place} ({when}).",
        "Round-table meeting {day}{place} ({when}).",
    ),
    "case_coming_today": ("i dag", "today"),
    "case_coming_tomorrow": ("i morgen", "tomorrow"),
    "case_coming_in": ("om {days}", "in {days}"),
    "case_coming_deadline": ("Næste frist: {deadline}.", "Next deadline: {deadline}."),
    "case_meeting_reminder": (
        "Husk: rundbordssamtale i sag #{number} {day}{place}.",
        "Reminder: round-table meeting in case #{number} on {day}{place}.",
    ),
    "case_ft_reminder": (
        "Fast track i sag #{number}: første samtale senest {day}.",
        "Fast track in case #{number}: the first talk by {day} at the latest.",
    ),
    "case_ft_overdue": (
        "Fristen for første samtale i sag #{number} ({owner}) var {day}, og samtalen er ikke registreret.",
        "The deadline for the first talk in case #{number} ({owner}) was {day}, and no talk is recorded.",
    ),
    "case_ordinary_reminder": (
        "Sag #{number}: første opfølgningssamtale (uge 8) senest {day}.",
        "Case #{number}: the first follow-up talk (week 8) by {day}.",
    ),
    "case_ordinary_overdue": (
        "Fristen for første samtale (uge 8) i sag #{number} ({owner}) var {day}, og samtalen er "
        "ikke registreret.",
        "The deadline for the first talk (week 8) in case #{number} ({owner}) was {day}, and no "
        "talk is recorded.",
    ),
    "case_stale": (
        "Sag #{number} ({owner}) har stået åben uden ændringer siden {day}. Giv den et udfald, "
        "luk den eller giv den videre: skriv **sag {number}**.",
        "Case #{number} ({owner}) has been open with no change since {day}. Record an outcome, "
        "close it or pass it on: type **case {number}**.",
    ),
    "case_orphaned": (
        "Sag #{number} er stadig åben, men {owner} er ikke længere med i teamet. Giv den "
        "videre: skriv fx **overdrag {number} til Bo**.",
        "Case #{number} is still open, but {owner} is no longer in the team. Pass it on: type "
        "e.g. **reassign {number} to Bo**.",
    ),
    "history.case_created": ("oprettede sagen", "created the case"),
    "history.case_outcome": ("satte udfald", "set the outcome"),
    "history.case_owner": (
        "gav sagen videre {before} → {after}",
        "passed the case on {before} → {after}",
    ),
    # Statistics and weekly report
    "stats_title": ("Fastholdelsestelefonen {period}", "Retention hotline {period}"),
    "stats_usage": (
        "Skriv **statistik**, **statistik uge 3**, **statistik måned** eller **statistik år**.",
        "Type **stats**, **stats week 3**, **stats month** or **stats year**.",
    ),
    "stats_head": (
        "Periode | Opkald | I telefonen | Rundbord | Fast track | Henvist | Frister overholdt | Frister overskredet",
        "Period | Calls | On the phone | Round table | Fast track | Referred | Deadlines met | Deadlines missed",
    ),
    "stats_week": ("uge {week}", "week {week}"),
    "stats_misroutes": (
        "Opkald, der ikke hørte til telefonen: {items}",
        "Calls that did not belong to the hotline: {items}",
    ),
    "stats_no_misroutes": (
        "Ingen opkald, der ikke hørte til telefonen.",
        "No calls that did not belong to the hotline.",
    ),
    "report_title": (
        "Ugens tal for fastholdelsestelefonen",
        "This week's figures for the retention hotline",
    ),
    "report_chart_title": ("Opkald pr. uge", "Calls per week"),
    "report_chart_week": (
        "uge {week}: {calls} opkald, {settled} klaret i telefonen",
        "week {week}: {calls} calls, {settled} settled on the phone",
    ),
    "report_chart_alt": ("Søjlediagram. {weeks}", "Bar chart. {weeks}"),
    "report_chart_legend": (
        "Mørk: klaret i telefonen. Lys: øvrige opkald.",
        "Dark: settled on the phone. Light: other calls.",
    ),
    "report_open_figures": ("Se Tal", "Open Figures"),
    # The Teams tab (bot/sso.py)
    "tab_title": ("Fastholdelsestelefonen", "Retention hotline"),
    "tab_signing_in": ("Logger ind …", "Signing in …"),
    "tab_config_pick": ("Vis i fanen:", "Show in the tab:"),
    "tab_name.vagtplan": ("Vagtplan", "Rota"),
    "tab_name.tal": ("Tal", "Figures"),
    "tab_not_for_role": (
        "Denne fane er ikke for omstillingen. Brug fanen Omstilling.",
        "This tab is not for the switchboard. Use the Switchboard tab.",
    ),
    "tab_refused": (
        "Du kunne ikke logges ind. Luk fanen og åbn den igen.",
        "You could not be signed in. Close the tab and open it again.",
    ),
    "tab_unknown": (
        "Jeg kender dig ikke endnu. Skriv til botten i Teams først, eller bed en teamleder om "
        "at tilføje dig til teamet.",
        "I do not know you yet. Write to the bot in Teams first, or ask a team lead to add you "
        "to the team.",
    ),
    "category.payment": ("udbetaling/refusion", "payment/refund"),
    "category.nemrefusion": ("NemRefusion", "NemRefusion"),
    "category.mit_sygefravaer": ("Mit Sygefravær", "Mit Sygefravær"),
    "category.existing_case": ("egen sagsbehandler", "own caseworker"),
    "category.complaint": ("klage", "complaint"),
    "category.unemployed": ("ledig", "unemployed"),
    "category.self_employed": ("selvstændig", "self-employed"),
    "category.job_search": ("jobsøgning", "job search"),
    "category.other_benefit": ("andre ydelser", "other benefits"),
    "category.other": ("andet", "other"),
    # Calendar feed
    "calendar_link": (
        "Dit private kalenderlink (abonnér på det i Outlook): {url}\nDel det ikke med andre. "
        "Skriv **ny kalender** for at få et nyt link; så holder det gamle op med at virke.",
        "Your private calendar link (subscribe to it in Outlook): {url}\nDo not share it with "
        "anyone. Type **new calendar** to get a new link; the old one then stops working.",
    ),
    # Browser pages (the calendar link's neighbour: another way to see the rota outside chat)
    "web_link": (
        "Dit link til vagtplan, tal og omstilling i browseren: {url}\nDet virker én gang, i 10 "
        "minutter. Del det ikke.",
        "Your link to the rota, figures and switchboard page in a browser: {url}\nIt works once, "
        "for 10 minutes. Do not share it.",
    ),
    "web_link_sent": (
        "Jeg har sendt dig linket i vores private chat.",
        "I sent you the link in our private chat.",
    ),
    "web_open": ("Åbn i browser", "Open in browser"),
    "web_rota": ("Vagtplan", "Rota"),
    "web_figures": ("Tal", "Figures"),
    "web_switchboard": ("Omstilling", "Switchboard"),
    "web_pages": ("Sider", "Pages"),
    "web_skip": ("Spring til indholdet", "Skip to the content"),
    "web_signed_in": ("{name}, {team}", "{name}, {team}"),
    "web_sign_out": ("Log ud", "Sign out"),
    "web_sign_in": ("Log ind", "Sign in"),
    "web_sign_in_how": (
        "Skriv **web** til fastholdelsesbotten i Teams. Du får et link, der logger dig ind; det "
        "virker én gang, i 10 minutter.",
        "Write **web** to the retention hotline bot in Teams. You get a link that signs you in; "
        "it works once, for 10 minutes.",
    ),
    "web_link_refused": (
        "Linket virker ikke: det er allerede brugt, udløbet eller ukendt. Skriv **web** til "
        "botten i Teams for at få et nyt.",
        "The link does not work: it was already used, has expired or is unknown. Write **web** "
        "to the bot in Teams to get a new one.",
    ),
    "web_signed_out": ("Du er logget ud.", "You are signed out."),
    "web_forbidden": ("Den side har du ikke adgang til.", "You do not have access to that page."),
    "web_previous_month": ("Forrige måned", "Previous month"),
    "web_next_month": ("Næste måned", "Next month"),
    "web_print": ("Udskriv", "Print"),
    "web_yours": ("din vagt", "your duty"),
    "web_closed": ("lukket", "closed"),
    "web_away": ("Fravær: {names}", "Away: {names}"),
    "web_handover": ("Overtaget af {name}", "Taken over by {name}"),
    "web_swap_open": ("Søger afløser", "Looking for cover"),
    "web_open_swaps": ("Åbne ønsker om bytte: {count}", "Open swap requests: {count}"),
    "web_period": ("Periode", "Period"),
    "web_from": ("Fra", "From"),
    "web_to": ("Til", "To"),
    "web_show": ("Vis", "Show"),
    "web_csv": ("Hent tallene som CSV", "Download the figures as CSV"),
    "web_week": ("Uge", "Week"),
    "web_chart": ("Søjlediagram: {title} pr. uge", "Bar chart: {title} per week"),
    "web_misroutes": (
        "Opkald, der ikke hørte til telefonen, efter kategori",
        "Calls that did not belong to the hotline, by category",
    ),
    "web_category": ("Kategori", "Category"),
    "web_count": ("Antal", "Count"),
    "web_no_misroutes": ("Ingen i perioden.", "None in the period."),
    "web_now": ("Har telefonen nu", "Holds the hotline now"),
    "web_at_opening": ("Har telefonen, når den åbner", "Holds the hotline when it opens"),
    "web_next": ("Næste arbejdsdag ({day})", "Next working day ({day})"),
    "web_closed_now": (
        "Telefonen er lukket nu. Den åbner {when}.",
        "The hotline is closed now. It opens {when}.",
    ),
    "web_number": ("Nummer", "Number"),
    "web_hours": ("Åbningstider", "Opening hours"),
    "team_calendar_link": (
        "Dit link til vagtkalenderen for hele {team} (abonnér på det i Outlook): {url}\nLinket "
        "er dit eget: del det ikke. Skriv **teamkalender ny** for at lave et nyt; så holder "
        "dit gamle op med at virke, men dine kollegers links virker stadig. Linket holder op, "
        "når du forlader teamet.",
        "Your link to the duty calendar of the whole of {team} (subscribe to it in Outlook): "
        "{url}\nThe link is yours alone: do not share it. Type **team calendar new** to make a "
        "new one; your old one then stops working, but your colleagues' links keep working. "
        "The link stops when you leave the team.",
    ),
    "ical_duty": ("Fastholdelsestelefonen", "Retention hotline"),
    "ical_team_duty": ("Fastholdelsestelefonen: {name}", "Retention hotline: {name}"),
    "ical_duty_away": (
        "Fastholdelsestelefonen: {not_taken}",
        "Retention hotline: {not_taken}",
    ),
    # Free text (#14): a sentence without a command word, understood and confirmed.
    "free_smalltalk.greeting": (
        "Hej {name}! Spørg fx **hvem har telefonen?** eller skriv **hjælp**.",
        "Hi {name}! Ask for instance **who has the phone?** or type **help**.",
    ),
    "free_smalltalk.thanks": ("Selv tak, {name}!", "You're welcome, {name}!"),
    "free_none": (
        "Det forstod jeg ikke helt, og den kommando kender jeg ikke. Var det en af disse?",
        "I didn't quite get that, and I don't know that command. Was it one of these?",
    ),
    "free_try": ("Prøv en af disse:", "Try one of these:"),
    "free_which": ("Hvad mente du?", "What did you mean?"),
    "free_example": (
        "Det lyder som: {what}. Skriv det sådan: **{example}**",
        "That sounds like: {what}. Write it like this: **{example}**",
    ),
    "free_command_is": ("Kommandoen er: {command}", "The command is: {command}"),
    "free_button.yes": ("Ja", "Yes"),
    "free_button.fix": ("Ret", "Edit"),
    "free_button.no": ("Nej", "No"),
    "free_done_yes": ("Ja, gjort.", "Yes, done."),
    "free_done_no": ("Nej, ikke gjort.", "No, not done."),
    "free_no": ("OK, jeg gør ikke noget.", "OK, I won't do anything."),
    "free_not_yours": (
        "Det kort hører til en kollegas besked. Skriv selv, hvad du vil have gjort.",
        "That card belongs to a colleague's message. Write what you want done yourself.",
    ),
    "free_fix_label": ("Ret kommandoen", "Edit the command"),
    "free_fix_help": (
        "Når du sender kommandoen, bliver den udført med det samme.",
        "When you send the command, it is carried out at once.",
    ),
    "free_send": ("Send", "Send"),
    "free_fix_empty": ("Skriv kommandoen i feltet.", "Type the command in the field."),
    "free_confirm.away": ("Registrér {kind} {span}?", "Register {kind} {span}?"),
    "free_confirm.away_other": (
        "Registrér {kind} for {name} {span}?",
        "Register {kind} for {name} {span}?",
    ),
    "free_confirm.swap": (
        "Slå din vagt {day} op, så en kollega kan tage den?",
        "Offer your duty on {day} for a colleague to take?",
    ),
    "free_confirm.swap_with": (
        "Spørg {name}, om de vil tage din vagt {day}?",
        "Ask {name} to take your duty on {day}?",
    ),
    "free_confirm.swap_back": (
        "Spørg {name}, om de vil tage din vagt {day} mod deres vagt {back}?",
        "Ask {name} to take your duty on {day} in return for theirs on {back}?",
    ),
    "free_confirm.sick": (
        "Meld dig syg i dag ({day}) og giv vagten videre?",
        "Report yourself sick today ({day}) and hand your duty on?",
    ),
    "free_confirm.sick_other": (
        "Meld {name} syg i dag ({day})?",
        "Report {name} sick today ({day})?",
    ),
    "free_confirm.reassign": ("Overdrag sag {case} til {name}?", "Reassign case {case} to {name}?"),
    "free_confirm.set_duty": ("Giv vagten {day} til {name}?", "Give the duty on {day} to {name}?"),
    "free_confirm.generate": (
        "Lav vagtplanen igen for {span}? Dage, der er sat i hånden, bliver.",
        "Plan the rota again for {span}? Days set by hand stay.",
    ),
    "free_confirm.role": ("Giv {name} rollen {role}?", "Give {name} the role {role}?"),
    "free_confirm.on_rota": ("Sæt {name} på vagtplanen?", "Put {name} on the rota?"),
    "free_confirm.off_rota": ("Tag {name} af vagtplanen?", "Take {name} off the rota?"),
    "free_confirm.code": (
        "Lav en tilmeldingskode til omstillingen?",
        "Make a join code for the switchboard?",
    ),
    "free_confirm.language": (
        "Skal jeg skrive {language} til dig fremover?",
        "Shall I write to you in {language} from now on?",
    ),
    "free_confirm.new_calendar": (
        "Lav et nyt link til din vagtkalender? Det gamle holder op med at virke.",
        "Make a new link to your duty calendar? The old one stops working.",
    ),
    "free_confirm.announce_here": (
        "Skal jeg poste morgenbeskederne i denne kanal fremover?",
        "Shall I post the morning messages in this channel from now on?",
    ),
}


def lang_of(locale: str | None, default: str = "da") -> str:
    """'da' or 'en' from a Teams locale like 'da-DK' or 'en-US'."""
    code = (locale or "").split("-")[0].lower()
    return code if code in LANGUAGES else default


class _Escaping(string.Formatter):
    """Formats a catalogue text with every value escaped, except values that are `Markup`."""

    def format_field(self, value: Any, format_spec: str) -> str:
        shown = format(value, format_spec)
        return value if isinstance(value, Markup) and not format_spec else escape(shown)


_FORMATTER = _Escaping()


def t(lang: str, key: str, **values: Any) -> str:
    """The text `key` in `lang`, with `values` filled in as plain text: a name, company or note
    cannot add a link, bold or a mention. Pass `Markup` for a value the bot composed itself.
    The result is `Markup` (typed `str`), so it is not escaped again when passed on."""
    da, en = MESSAGES[key]
    text = en if lang == "en" else da
    return Markup(_FORMATTER.vformat(text, (), values) if values else text)


def t_count(lang: str, key: str, n: int) -> str:
    """The text `key` for a count `n`: its ".one" variant when `n` is 1 (or -1)."""
    return t(lang, f"{key}.one" if abs(n) == 1 else key, n=n)


def t_plain(lang: str, key: str, **values: Any) -> str:
    """The text `key` with `values` filled in unescaped, for places that are not Markdown (a
    calendar event's title)."""
    da, en = MESSAGES[key]
    text = en if lang == "en" else da
    return text.format(**values) if values else text


def weekday_names(lang: str) -> list[str]:
    return t(lang, "weekdays").split(",")


def capital(text: str) -> str:
    shown = text[:1].upper() + text[1:]
    return Markup(shown) if isinstance(text, Markup) else shown


@lru_cache(maxsize=2048)  # a turn shows the same few days: `vagt` formats two of them
def format_day(lang: str, day: date) -> str:
    """`mandag 4. januar` / `Monday 4 January`."""
    return t(
        lang,
        "day_format",
        weekday=t(lang, "weekdays_long").split(",")[day.weekday()],
        day=day.day,
        month=t(lang, "months").split(",")[day.month - 1],
    )


def bad_date_key(error: BadDate) -> str:
    """The text for a date that failed: one the calendar lacks (31.2) or one not readable."""
    return "no_such_date" if isinstance(error, NoSuchDate) else "bad_date"
