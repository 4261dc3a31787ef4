"""Judge the story, not the cue: a passage that points at one real person and says enough
about them to recognise them.

A finding needs a *specific individual* and the *details* attached to them in the same
passage (the sentence, and the next one or two when they go on about the same person):

  individuals  a name (a known first name, or a capitalised word that the text itself shows
               is a name: "Jarrah is 31", "Gordie, 47", "Tama, who's 17"), initials
               ("J.T.", "C.Ó.", "M.-È. L.", but never a credential such as "T.S." or
               "RSW"), "my client", "one of my clients", "ma patiente", "mi paciente", or a
               described person ("a 52-year-old line cook", "a hill farmer in his late
               fifties", "un producteur laitier dans la cinquantaine", "un chavo de 16 años");
  details      an age, an occupation or employer, a school or year group, a place smaller
               than a region, a dated event, a diagnosis or medication, a family event, a
               distinctive event ("the only one there with MS", a crash, a fire), a phone
               number or email.

Two or more kinds of detail with one individual is a finding. A named or initialled person,
or a client, with one detail and a cue from the therapy room ("told me", "m'a dit", "me
contó") is one too: cues raise confidence, they are never required. The practice's own
people, public figures' own public statements (an interview, a memoir) and professional
bios ("joins our team", a credential after the name) are not stories, unless the passage
also speaks of a client. English, French and Spanish rules all apply to every text.

Everything is plain `re`, one pass per pattern over the text, then set look-ups per passage.
"""

import re

from .narrative import AMBIGUOUS, EVERYDAY, NAMES, _NOT_PROPER, fold

_UP = "A-ZÀ-ÖØ-ÞĀĒĪŌŪ"
_CAP = rf"[{_UP}][\w'’-]*"
# Lower-case words that join the parts of a name or place ("Pádraig Ó Sé", "Nic Dhonnacha",
# "Joseph-François", "de la Croix").
_JOIN = r"(?:de la|de los|de las|del|de|du|des|la|le|of the|of|and|y|et|van|von|da|do)"
_CAP_SEQ = re.compile(rf"(?<![\w'’.-]){_CAP}(?:[ \t]+(?:{_JOIN}[ \t]+)?{_CAP})*")

# --- words that are never a person's name -------------------------------------------------
_COMMON = COMMON_WORDS = set(_NOT_PROPER) | set("""
about after again all also always am an another any anyone anything are as ask asking
at back be because been before being between both but by can could did do does doing done
down during each even ever every few first for found from get gets getting give go going
good great had has have having he her here hers herself him himself his how however i if
in into is it its just keep know last late later least less let like little look made make
many may me might more most much must my never new next no nobody none nor not nothing now
of off often old on once one only or other our out over own people perhaps please rather
really right said same say says see seem she should since so some someone something
sometimes still such take than thank thanks that the their them then there these they
thing things think this those though through time to today together too under until up
upon us very want was way we well were what when where whether which while who whom whose
why will with within without would yes yet you young your yours yourself
after anxiety burnout depression grief stress sleep trauma therapy counselling counseling
hope healing loss love help support care rest change winter spring summer autumn fall
men women kids teens parents families family work school home life mind body heart
call text ring email book booking contact phone find meet welcome notes note our
le la les un une des du de et ou mais donc car ni je tu il elle nous vous ils elles on ce
cette ces mon ma mes ton ta tes son sa ses notre votre leur leurs qui que quoi dont où
quand comment pourquoi avec sans pour par dans sur sous chez entre vers depuis pendant
avant après aussi très plus moins bien mal tout tous toute toutes chaque autre même
le deuil hiver été printemps automne travail école famille parents enfants ados aide
el los las una unos unas y o pero porque que quien cuando como donde con sin para por
en sobre entre desde hasta muy más menos bien mal todo todos toda todas cada otro otra
mi mis tu tus su sus nuestro nuestra este esta estos estas ese esa lo al
duelo invierno verano trabajo escuela familia padres hijos ayuda recursos
""".split())

# Titles that make the next capitalised word a person's name.
_TITLE = re.compile(
    r"(?<![\w.])(?:Mr|Mrs|Ms|Miss|Mx|Dr|Dre|Dra|Prof|Pastor|Father|Fr|Rev|Reverend|Sister|Brother|"
    r"Auntie|Aunty|Uncle|Nana|Koro|Kuia|Madame|Mme|Monsieur|Mademoiselle|Mlle|Don|Doña|"
    r"Señor|Señora|Señorita|Sr|Sra|Srta|doña|don)\.?[ \t]+$|\bM\.[ \t]+$")
# Capitalised words after which a name is a place or an organisation, not a person.
_PLACE_WORDS = set("""
street st road rd avenue ave lane place drive crescent close court terrace way parade grove
square highway row mews quay rise esplanade boulevard park sound bay island isle falls hill
hills valley river lake beach harbour harbor point heights springs creek bridge mountain
county city town village district region shire borough ward
health hospital services service centre center clinic council trust association society
foundation library network support line helpline university college school academy
high elementary primary institute church chapel ministry department office house hall
unit team group club fund media news press radio tv hotline lifeline program programme
project initiative campaign house home hub space headspace memorial general regional
medical infirmary
rue avenue boulevard chemin allée quai hôpital clinique centre école collège lycée
calle avenida paseo plaza hospital centro colegio escuela instituto universidad
département ministère service services association fondation université clinique cégep
résidence caserne paroisse municipalité ville village comté caisse banque
departamento ministerio servicio servicios salud programa fundación asociación clínica
consejo secretaría oficina iglesia parroquia condado ciudad pueblo barrio residencia
supermarket supermercado
""".split())
_PLACE_BEFORE = {"st", "st.", "saint", "sainte", "san", "santa", "mount", "mt", "lake", "port",
                 "fort", "cape", "prince", "princess", "king", "queen", "sir", "dame", "lady",
                 "lord", "rue", "avenue", "calle", "lac", "île", "isla", "villa",
                 "plaza", "parque", "avenida", "paseo", "barrio", "colonia", "place", "parc",
                 "quartier", "boulevard", "pont", "puente", "école", "escuela", "colegio",
                 # storms are named like people: "Hurricane Maria", "huracán María"
                 "hurricane", "cyclone", "storm", "typhoon", "huracán", "huracan", "ciclón",
                 "tormenta", "ouragan", "cyclone", "tempête"}
# Words before a capitalised word that make it a place: "in Caguas", "de Pharr", "à Lévis".
_PLACE_PREP = {"in", "near", "en", "à", "desde", "dans", "au", "aux", "vers", "hacia"}
_PLACE_PREP_UNKNOWN = _PLACE_PREP | {"from", "de", "of", "d'", "d’", "du", "des", "del",
                                     "at", "outside", "past", "around"}

# Month names (EN, FR, ES): a number before one is a day, not an age.
_MONTH_WORDS = (r"(?i:(?:de[ \t]+)?(?:jan(?:uary|vier)?|feb(?:ruary)?|f[ée]vrier|mar(?:ch|s)?|"
                r"apr(?:il)?|avril|may|mai|june?|juin|july?|juillet|aug(?:ust)?|août|"
                r"sept?(?:ember|embre)?|oct(?:ober|obre)?|nov(?:ember|embre)?|dec(?:ember)?|"
                r"d[ée]cembre|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|"
                r"setiembre|octubre|noviembre|diciembre)\b)")
# What follows a word that the text shows is a person's name.
_PERSON_AFTER = re.compile(
    r"(?:['’]s[ \t]+(?:husband|wife|partner|mum|mom|mother|dad|father|son|daughter|brother|"
    r"sister|boss|kids|children|family|grandmother|grandfather)\b"
    r"|[ \t]*,[ \t]*(?:aged[ \t]+)?[1-9]\d?\b(?![.,/]?\d)(?![ \t]+[A-ZÀ-Þ])"
    r"|[ \t]*\([1-9]\d?\)(?![ \t]*\d)"
    r"|[ \t]+(?:is|was|turned|turns)[ \t]+\d{1,2}\b(?![.,]?\d)"
    r"|,?[ \t]+who['’]s[ \t]+\d{1,2}\b"
    r"|,[ \t]+(?:who|whose|a(?![ \t]+(?:la|las|los|el|un|una|dos|tres|cuatro|cinco|pocas|"
    r"pocos|mi|mis|su|sus)\b)|an|une?|una?|el|la|le|de[ \t]+\d{1,2}\b)\b"
    rf"|[ \t]+[1-9]\d(?=[ \t]+(?!{_MONTH_WORDS})[A-ZÀ-Þ]|[ \t]*$)"
    r"|[ \t]+(?:told|tells|said|says|rang|rung|called|asked|came|comes|wrote|shared|"
    r"admitted|confided|describes|described|cried|let[ \t]+me|gave[ \t]+me|"
    r"m['’]a|m['’]avait|me[ \t]+(?:racontait|disait|contó|dijo|confesó|confió|llamó|pidió|"
    r"escribió)|dice|dit|raconte|pleure|llora)\b)")
# A public role said of a name: "singer Lewis Capaldi", "Ryan Reynolds, the actor,",
# "la chanteuse Céline Dion": a public figure, not a client.
_FAME = (r"(?:actor|actress|singer|songwriter|comedian|author|writer|athlete|footballer|"
         r"cricketer|golfer|swimmer|gymnast|tennis[ \t]+(?:star|player)|rugby[ \t]+(?:star|"
         r"player)|NBA[ \t]+(?:star|player)|NFL[ \t]+(?:star|player)|star|broadcaster|"
         r"musician|rapper|presenter|poet|novelist|Olympian|champion|activist|politician|"
         r"senator|premier|prime[ \t]+minister|president|royal|prince|princess|influencer|"
         r"YouTuber|comédienne?|chanteuse|chanteur|auteure?|écrivaine?|actrice|athlète|"
         r"cantante|actriz|escritora?|futbolista|atleta|deportista|presentadora?)")
_FAME_BEFORE = re.compile(rf"\b{_FAME}[ \t]+$|\b(?:la|le|el|the)[ \t]+(?:[\w-]+[ \t]+)?"
                          rf"{_FAME}[ \t]+$", re.I)
_FAME_AFTER = re.compile(rf"[ \t]*,[ \t]+(?:the|la|le|el)[ \t]+(?:[\w-]+[ \t]+){{0,2}}{_FAME}\b",
                         re.I)
# A researcher's or clinician's trade before a name: "le psychologue américain John Gottman".
_PRO_BEFORE = re.compile(
    r"\b(?:psycholog\w*|psychiatr\w*|psicólog[oa]|psiquiatra|researchers?|licenciad[oa]|chercheu(?:r|se)|"
    r"investigador[a]?|authors?|auteure?|autor[a]?|professor|profesor[a]?|novelist|"
    r"romancière?|novelista|neuroscientist|neuroscientifique|neurocientífic[oa])"
    r"(?:[ \t]+[\w-]+)?[ \t]*,?[ \t]*$", re.I)
# Verbs that only a person does, after a word no dictionary knows: "Jarrah felt ...".
_HUMAN_AFTER = re.compile(
    r"[ \t]+(?:felt|feels|decided|decides|wanted|wants|worried|worries|thinks|thought|"
    r"believes|remembered|remembers|laughed|smiled|hates|loved|loves|married|cries|"
    r"has[ \t]+been|had[ \t]+been|pense|pensait|voulait|veut|pleurait|se[ \t]+sent|"
    r"piensa|pensaba|quiere|quería|lloró|siente|sentía|se[ \t]+siente)\b")
# What comes before a person's name: "my client", "her husband", "named".
_PERSON_BEFORE = re.compile(
    r"(?:\b(?:client|patient|counselee|cliente|patiente|paciente|named|called|nicknamed|"
    r"husband|wife|partner|son|daughter|brother|sister|mum|mom|dad|mother|father|boyfriend|"
    r"girlfriend|mari|femme|fils|fille|frère|sœur|esposo|esposa|hijo|hija|hermano|hermana|"
    r"nieto|nieta|mamá|papá)|\bla[ \t]+mère[ \t]+de|\bla[ \t]+mamá[ \t]+de)[ \t]*,?[ \t]*$",
    re.I)

# --- initials ----------------------------------------------------------------------------
_INITIALS = re.compile(
    rf"(?<![\w.])[{_UP}]\.(?:-?[{_UP}]\.)*(?:[ \t]?[{_UP}](?:['’][{_UP}])?\.)+(?![\w])"
    rf"|(?<![\w.])[{_UP}]\.-[{_UP}]\.(?:[ \t]?[{_UP}]\.)*"
    rf"|(?<![\w.])[{_UP}]\.(?=,[ \t]*(?:\d|a[ \t]|an[ \t]|who|une?[ \t]|una?[ \t]))"
    rf"|\b(?:Mr|Mrs|Ms|Miss|Mx|Mme|Sra?)\.?[ \t]+[{_UP}]\b\.?")
# Credentials and abbreviations written like initials (every country, EN/FR/ES): never a
# person. Compared as the letters alone.
CREDENTIALS = {
    "TS", "RSW", "MSW", "LCSW", "LICSW", "LMSW", "LPC", "LPCC", "LMHC", "LMFT", "MFT", "RN",
    "RPN", "NP", "MD", "DO", "PHD", "PSYD", "MA", "MS", "MSC", "BA", "BSC", "BSW", "MED",
    "RP", "RCC", "CCC", "CPSYCH", "OT", "PT", "MBACP", "UKCP", "BABCP", "HCPC", "MIACP",
    "IACP", "CORU", "MAPS", "FAPS", "AHPRA", "MNZAC", "NZAC", "MNZCCP", "US", "USA", "UK",
    "NZ", "EU", "UN", "PEI", "BC", "ON", "QC", "NS", "NB", "NL", "AB", "SK", "MB", "NSW",
    "ACT", "WA", "SA", "NT", "QLD", "VIC", "TAS", "DC", "NY", "LA", "AM", "PM", "AD", "BC",
    "CE", "BCE", "EG", "IE", "NB", "PS", "TV", "GP", "ER", "ED", "ID", "OK", "HR", "IQ",
    "IT", "AA", "NA", "RIP", "ASAP", "FAQ", "DIY", "CV", "PO", "SS", "SRL", "SA", "SL",
    "EEUU", "EUA", "CDMX", "DF", "TSA", "TDAH", "TSPT", "TEPT", "TOC", "TCA", "TLP",
}

# --- individuals described, and clients --------------------------------------------------
_DECADES_EN = (r"(?:teens|twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties|"
               r"[1-9]0['’]?s)")
_TENS_WORDS = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
_UNIT_WORDS = r"(?:one|two|three|four|five|six|seven|eight|nine)"
_AGE_WORDS = (rf"(?:{_TENS_WORDS}(?:[- ]{_UNIT_WORDS})?|thirteen|fourteen|fifteen|sixteen|"
              r"seventeen|eighteen|nineteen|eleven|twelve|ten|nine|eight|seven|six)")
_AGE_RANGE = (rf"in[ \t]+(?:his|her|their)[ \t]+(?:early[ \t]+|mid[- \t]?|late[ \t]+)?{_DECADES_EN}"
              r"|dans[ \t]+la[ \t]+(?:vingtaine|trentaine|quarantaine|cinquantaine|soixantaine|"
              r"septantaine|soixante-dizaine|quatre-vingtaine)"
              r"|de[ \t]+unos[ \t]+(?:veinte|treinta|cuarenta|cincuenta|sesenta|setenta|ochenta|"
              r"noventa)[ \t]+años"
              r"|de[ \t]+(?:la[ \t]+)?(?:tercera|cuarta|quinta|sexta)[ \t]+edad")
_PERSON_NOUN = (
    r"man|woman|boy|girl|lad|lass|bloke|fella|fellow|guy|teen|teenager|youngster|kid|child|"
    r"mum|mom|mother|dad|father|grandmother|grandfather|nan|widow|widower|veteran|student|"
    r"freshman|person|client|patient|couple|homme|femme|garçon|fille|adolescente?|jeune|"
    r"étudiante?|mère|père|veuve?|retraitée?|hombre|mujer|chavo|chava|chico|chica|joven|"
    r"muchach[oa]|señora?|abuel[oa]|viud[oa]|estudiante|adolescente|madre|padre")
# "a" before a capitalised word is the Spanish preposition ("llegó a California").
_ART = (r"(?:a(?![ \t]+(?-i:[A-ZÀ-Þ]))|an|one|un|une|una?|"
        r"the[ \t]+(?:young|old|older|elderly|retired|former|local))")


def _described():
    return re.compile(
    rf"\b{_ART}[ \t]+(?:[\w'’-]+[ \t]+){{0,3}}?"
    rf"(?:(?:\d{{1,2}}|{_AGE_WORDS})[- ‑–]years?[- ‑–]old|(?:{_PERSON_NOUN}|{OCCUPATION_NOUNS})\b)"
    rf"(?:[ \t]+(?:[\w'’-]+[ \t]+){{0,2}}?(?:{_AGE_RANGE}|of[ \t]+\d{{1,2}}\b|de[ \t]+\d{{1,2}}"
    rf"[ \t]+(?:ans|años)|aged[ \t]+\d{{1,2}}))?", re.I)
_DESCRIBED_AGE = re.compile(
    rf"(?:\d{{1,2}}|{_AGE_WORDS})[- ‑–]years?[- ‑–]old|{_AGE_RANGE}|\bof[ \t]+\d{{1,2}}\b"
    rf"|\bde[ \t]+\d{{1,2}}[ \t]+(?:ans|años)|\b\d{{1,2}}[ \t]+(?:ans|años)|\baged[ \t]+\d{{1,2}}",
    re.I)
CLIENT = re.compile(
    r"\b(?:my|our)[ \t]+(?:\w+[ \t]+)?(?:client|patient|counselee)\b(?!s)"
    r"|\b(?:a|one)[ \t]+(?:former[ \t]+)?(?:client|patient)[ \t]+(?:of[ \t]+mine|I|who|whose)\b"
    r"|\bone[ \t]+of[ \t]+my[ \t]+(?:clients|patients)\b|\ba[ \t]+former[ \t]+client\b"
    r"|\bone[ \t]+(?:woman|man|person|mum|mom|dad|teen|young[ \t]+\w+)[ \t]+I[ \t]+"
    r"(?:see|saw|work[ \t]+with|worked[ \t]+with|counsel)\b"
    r"|\b(?:ma|mon)[ \t]+(?:patiente?|cliente?)\b|\b(?:une?)[ \t]+de[ \t]+mes[ \t]+"
    r"(?:patient|client)e?s\b"
    r"|\bmi[ \t]+(?:paciente|cliente|clienta|consultante)\b|\b(?:una?|uno)[ \t]+de[ \t]+mis"
    r"[ \t]+(?:pacientes|clientes|clientas|consultantes)\b", re.I)
_ONLY = re.compile(
    r"\bthe[ \t]+only[ \t]+(?:one|person|woman|man|girl|boy|[\w-]+)\b"
    r"|\b(?:le|la)[ \t]+seule?[ \t]+\w+|\b(?:el|la)[ \t]+únic[oa][ \t]+\w+", re.I)

# Said in the therapy room: raises confidence, never required.
CUE = re.compile(
    r"\b(?:told|tells|telling)[ \t]+me\b|\bsaid[ \t]+to[ \t]+me\b|\b(?:rang|called|emailed|"
    r"texted|asked|showed|wrote[ \t]+to)[ \t]+me\b|\bcame[ \t]+(?:in|to[ \t]+see[ \t]+me)\b"
    r"|\b(?:shared|confided|admitted|disclosed|confessed)[ \t]+(?:(?:to|with)[ \t]+)?me\b"
    r"|\b(?:came|comes|come)[ \t]+(?:in[ \t]+)?to[ \t]+(?:session|therapy)\b"
    r"|\bin[ \t]+(?:our|today['’]s|this[ \t]+week['’]s|last[ \t]+week['’]s|her|his|their)"
    r"[ \t]+sessions?\b|\bour[ \t]+sessions\b|\bI[ \t]+(?:see|saw|worked[ \t]+with|"
    r"treated|met|counsel(?:l?ed)?)\b|\bgave[ \t]+me[ \t]+permission\b|\blet[ \t]+me[ \t]+share\b"
    r"|\bm['’](?:a|avait)[ \t]+(?:dit|confié|raconté|avoué|appelé|demandé|écrit|montré)\b"
    r"|\bme[ \t]+(?:racontait|disait|confiait)\b|\best[ \t]+venue?\b"
    r"|\bme[ \t]+(?:contó|dijo|confesó|confió|llamó|pidió|escribió|enseñó|preguntó|dejó)\b"
    r"|\b(?:came|come|comes)[ \t]+to[ \t]+me\b|\b(?:coming|come|comes|came)[ \t]+(?:in[ \t]+)?"
    r"to[ \t]+see[ \t]+me\b|\bj['’]accompagne\b|\bacompaño\b|\b(?:started|been|"
    r"began)[ \t]+seeing[ \t]+me\b"
    r"|\bI['’]?(?:ve|ve[ \t]+been|m|[ \t]+have[ \t]+been|[ \t]+am)[ \t]+(?:working|seeing)\b"
    r"|\bsat[ \t]+(?:in[ \t]+my|across[ \t]+from[ \t]+me)\b|\bin[ \t]+my[ \t]+(?:office|room|rooms|"
    r"practice|chair)\b|\b(?:I['’]ll|let['’]s|whom[ \t]+I['’]ll|who[ \t]+I['’]ll)[ \t]+call[ \t]+"
    r"(?:her|him|them)?\b|\bnot[ \t]+(?:her|his|their)[ \t]+real[ \t]+name\b|\bin[ \t]+therapy\b"
    r"|\bm['’]a[ \t]+consultée?\b|\best[ \t]+venue?[ \t]+me[ \t]+voir\b|\ben[ \t]+séance\b"
    r"|\bque[ \t]+j['’]accompagne\b|\b(?:sus|su|ses|sa)[ \t]+(?:sesiones|sesión|séances|séance)\b|"
    r"\bque[ \t]+je[ \t]+(?:vois|suis|reçois|rencontre)\b"
    r"|\b(?:terapia|consulta|sesiones|sesión)[ \t]+conmigo\b|\b(?:que|a[ \t]+quien)[ \t]+"
    r"(?:veo|atiendo|acompaño)\b|\bllegó[ \t]+a[ \t]+mi[ \t]+(?:oficina|consulta|consultorio)\b|"
    r"\bappelons-(?:la|le)\b|\bvino[ \t]+a[ \t]+verme\b"
    r"|\bacudió[ \t]+a[ \t]+(?:consulta|terapia)\b|\ben[ \t]+(?:consulta|sesión)\b"
    r"|\b(?:a[ \t]+quien|la|le|lo)[ \t]+llamaré\b|\bllamémosl[ao]\b"
    r"|\b(?:worked|trabajé|j['’]ai[ \t]+travaillé)[ \t]+(?:last[ \t]+year[ \t]+)?"
    r"(?:with|con|avec)\b",
    re.I)
# A general or imagined person, not a real one ("many clients", "imagine a nurse").
GENERIC = re.compile(
    r"\b(?:imagine|suppose|composite|for[ \t]+example|for[ \t]+instance|often|usually|"
    r"picture|pictures|sometimes|many|most|lots[ \t]+of|a[ \t]+lot[ \t]+of|some[ \t]+(?:clients|"
    r"people|"
    r"parents)|if[ \t]+a|when[ \t]+a|whenever|typical(?:ly)?|every[ \t]+(?:spring|year|"
    r"winter)|beaucoup|souvent|la[ \t]+plupart|imaginez|imaginons|certaines?|muchos|muchas|"
    r"mucha[ \t]+"
    r"gente|a[ \t]+menudo|la[ \t]+mayoría|imagina|imaginemos|pensemos|algunas?|"
    # "can't", "couldn't", "wouldn't" say what did happen, not what might
    r"might(?!n['’]t)|may|could(?!n['’]t)|would(?!n['’]t)|can(?!['’]t)|"
    r"let['’]s[ \t]+say|say[ \t]+(?:a|an|your)|take[ \t]+(?:a|an)|disons|digamos|supongamos|"
    r"pongamos|si[ \t]+(?:su|sus|tu|tus|votre|vos|ton|ta|usted|vous|un|una|une)|"
    r"tend[ \t]+to|pourrait|peut|peuvent|puede|pueden|podría|perhaps|maybe|peut-être|"
    r"quizás?|tal[ \t]+vez|usted|ustedes)\b", re.I)
# A paragraph that asks the reader whether it is them: "Sound familiar?", "¿Le suena?".
_RHETORICAL = re.compile(
    r"\b(?:sound(?:s)?[ \t]+familiar|sound[ \t]+like[ \t]+you|is[ \t]+this[ \t]+you|"
    r"if[ \t]+this[ \t]+is[ \t]+you|vous[ \t]+(?:vous[ \t]+)?reconnaissez|ça[ \t]+vous[ \t]+"
    r"parle|(?:te|le)[ \t]+suena|te[ \t]+identificas|se[ \t]+identifica)\b", re.I)
# An imagined person, said outright (not a mere "may" or "often").
_HYPOTHETICAL = re.compile(
    r"\b(?:imagine|suppose|picture|let['’]s[ \t]+say|say[ \t]+(?:a|an|your)|take[ \t]+(?:a|an)|"
    r"for[ \t]+(?:example|instance)|an[ \t]+example|composite|if[ \t]+a|when[ \t]+a|whenever|"
    r"imaginez|imaginons|disons|un[ \t]+exemple|imagina|imaginemos|supongamos|pongamos|"
    r"digamos|pensemos|un[ \t]+ejemplo|quizás?|tal[ \t]+vez|peut-être|perhaps|maybe|usted|"
    r"ustedes|si[ \t]+(?:su|sus|tu|tus|votre|vos|ton|ta|usted|vous|un|una|une))\b", re.I)
# A public figure's own public disclosure.
PUBLIC = re.compile(
    r"\b(?:interviews?|publicly|openly|in[ \t]+(?:his|her|their)[ \t]+(?:book|memoir|"
    r"documentary|podcast|song)|memoirs?|documentar(?:y|ies)|podcast|wrote|writes|author|"
    r"best-?selling|Nobel|Olympi(?:c|an)|research(?:er)?|famous(?:ly)?|celebrit(?:y|ies)|"
    r"has[ \t]+(?:written|talked|spoken)|spoke[ \t]+openly|own[ \t]+words|"
    r"entrevues?|entretiens?|publiquement|documentaire|dans[ \t]+(?:sa|son)[ \t]+(?:chanson|"
    r"livre)|entrevistas?|públicamente|documentales?|en[ \t]+su[ \t]+libro|"
    r"(?:auto)?biograph(?:y|ies)|(?:auto)?biographie|(?:auto)?biografía|published|essay|"
    r"(?:host|hosts|hosting|give|gives|giving|lead|leads|leading)[ \t]+(?:our|a|the)[ \t]+"
    r"(?:talk|evening|webinar|panel)|keynote|workshop|(?<!teacher[ -])(?<!parent[ -])conference|congress|webinar|"
    r"of[ \t]+the[ \t]+Year|(?:a|the|their|this)[ \t]+(?:\w+[ \t]+)?(?:study|trial|survey)|"
    r"studies[ \t]+(?:show|found|suggest)|"
    r"travaux|recherches?|chercheu(?:r|se)|conférence|colloque|congrès|"
    r"investigador(?:a|es)?|investigación|encuesta|congreso|conferencia|"
    r"in[ \t]+the[ \t]+(?:novel|film|movie|series|show|book|play)|dans[ \t]+(?:le|la)[ \t]+"
    r"(?:roman|film|série)|en[ \t]+la[ \t]+(?:novela|película|serie)|novel|novelist|"
    r"character|personnage|personaje|fictional|"
    r"medal(?:list)?|(?:win|won|wins|winning)[ \t]+(?:gold|silver|bronze)|gold[ \t]+medal|"
    r"championships?|World[ \t]+Cup|Grand[ \t]+Slam|"
    r"Wimbledon|NBA|NFL|NHL|AFL|NRL|TED[ \t]+talk|médaille|medalla|"
    r"spoke[ \t]+(?:on|to)[ \t]+(?:RTÉ|RTE|BBC|CBC|ABC|NPR|RNZ|Radio|the[ \t]+(?:BBC|radio|press)))\b",
    re.I)
# A colleague's professional bio.
BIO = re.compile(
    r"\b(?:welcome|welcoming|joins|joined|joining|will[ \t]+offer|offers[ \t]+"
    r"(?:sessions|telehealth|assessments)|trained[ \t]+at|practi[sc]ed|founded|our[ \t]+"
    r"(?:new[ \t]+|former[ \t]+|late[ \t]+)?(?:receptionist|practice[ \t]+manager|office[ \t]+manager|colleague|team|"
    r"counsell?or|therapist|psychologist|psychotherapist|clinician|social[ \t]+worker)|"
    r"trained[ \t]+(?:in|as)|"
    r"nous[ \t]+accueillons|se[ \t]+joint|formée?|reçoit|damos[ \t]+la[ \t]+bienvenida|"
    r"se[ \t]+une|se[ \t]+formó|atiende|colega|compañera|graduated|se[ \t]+graduó|"
    r"unirse[ \t]+a[ \t]+nosotros|joined[ \t]+us|facilitat\w+|years['’]?[ \t]+(?:of[ \t]+)?"
    r"experience|ans[ \t]+d['’]expérience|años[ \t]+de[ \t]+experiencia|animée?[ \t]+par|"
    r"co-?founded|cofundó|cofondée?|studied[ \t]+at|estudió[ \t]+en|a[ \t]+étudié|"
    r"nuestr[oa][ \t]+(?:nuev[oa][ \t]+)?(?:terapeuta|psicólog[oa]|consejer[oa]|colega|"
    r"recepcionista|trabajadora[ \t]+social)|notre[ \t]+(?:nouvelle?[ \t]+)?(?:thérapeute|"
    r"psychologue|collègue|réceptionniste|travailleuse[ \t]+sociale|psychothérapeute))\b", re.I)
_CREDENTIAL_AFTER = re.compile(
    r",[ \t]*(?:[A-Z][a-z]?[A-Z][A-Za-z.]*|Ph\.[ \t]?D\.?|Psy\.?D\.?|M\.[ \t]?Sc\.?|Dr|"
    r"Reg(?:istered)?|Dip\w*|(?:an?|the|our)[ \t]+(?:[\w-]+[ \t]+){0,3}(?:psychiatrist|"
    r"psychologist|psychotherapist|counsell?or|therapist|researcher|professor|psychiatre|"
    r"psychologue|chercheu(?:r|se)|psiquiatra|psicólog[oa]|investigador[a]?)|psycholog\w+|"
    r"psychiatre|psicólog[oa]|psiquiatra|"
    r"counsel+or|therapist|travailleuse?[ \t]+social[e]?)\b")
_PRONOUN_START = re.compile(
    r"[ \t\"“]*(?:He|She|They|His|Her|Their|Him|Il|Elle|Ils|Elles|Son|Sa|Ses|Él|Ella|Su|Sus|"
    r"Le|La|Lo|Tiene|A|Es|Está|Vive|Trabaja)\b")

# --- details ----------------------------------------------------------------------------
_NUM = r"\d{1,2}(?!\d|[.,:\-–/]\d|[ \t]*%)"
AGE = re.compile(
    rf"\b\d{{1,2}}[- ‑–]years?[- ‑–]old\b|{_AGE_RANGE}|\b{_AGE_WORDS}[- ‑–]years?[- ‑–]old\b"
    rf"|\b(?:is|was|who['’]s|turned|turns|aged)[ \t]+{_AGE_WORDS}\b(?![ \t-]+(?:years|"
    r"minutes|hours|days|weeks|months|times|sessions|people|of))"
    r"|\b(?:vingt|trente|quarante|cinquante|soixante)(?:[- ]et[- ]un|-\w+)?[ \t]+ans\b"
    r"|\b(?:veinte|treinta|cuarenta|cincuenta|sesenta|setenta)(?:[ \t]+y[ \t]+\w+)?[ \t]+años\b"
    rf"|(?<=[\w)’']),[ \t]*(?:aged[ \t]+)?{_NUM}(?![ \t]+{_MONTH_WORDS})(?=[ \t]*[,.;:)]|"
    rf"[ \t]+(?:and|who|from|a|an|"
    r"de|y|et|with)\b)"
    rf"|\b(?:is|was|who['’]s|who[ \t]+is|(?:he|she)['’]s|turned|turns|aged?|age[ \t]+of|of)"
    rf"[ \t]+{_NUM}\b(?!(?:(?<=of[ \t]\d)|(?<=of[ \t]\d\d))[ \t]+(?-i:[A-Z]))"
    rf"(?![ \t]*(?:%|percent|per|minutes|mins|hours|days|weeks|months|years|times|sessions|"
    r"am|pm|a\.m|p\.m|o['’]clock|out[ \t]+of))"
    rf"|\b(?:de[ \t]+)?{_NUM}[ \t]*(?:ans|años)\b|\b(?:tiene|a|tenía|avait)[ \t]+{_NUM}\b"
    rf"|\([1-9]\d?\)(?![ \t]*\d)|\b\d{{1,2}}[ \t]*(?:yo|y/o|yrs?[ \t]+old)\b"
    rf"|(?-i:(?<=[a-zà-ÿ])(?<!\bof)(?<!\bat)(?<!\bon)(?<!\bin)(?<!\bto)(?<!\bde)(?<!\bau)"
    rf"(?<!\ben)(?<!\bfloor)(?<!\bunit)(?<!\bsuite)[ \t]+[1-9]\d(?=[ \t]+(?!{_MONTH_WORDS})[A-ZÀ-Þ][a-zà-ÿ]|[ \t]*$))",
    re.I)
OCCUPATIONS = (
    r"nurse|nursing|teacher|schoolteacher|headteacher|teaches|taught|teaching|pharmacist|"
    r"firefighter|paramedic|midwife|"
    r"solicitor|lawyer|attorney|paralegal|barrister|builder|farmer|farms|farming|miner|"
    r"electrician|plumber|carpenter|mechanic|apprentice|tradie|driver|drives|coach|principal|"
    r"police|officer|constable|detective|soldier|marine|veteran|sailor|pilot|chef|cook|"
    r"barista|waiter|waitress|bartender|accountant|engineer|doctor|surgeon|dentist|vet|"
    r"physio|social[ \t]+worker|receptionist|cleaner|cashier|manager|ceo|consultant|architect|"
    r"developer|programmer|journalist|reporter|anchor|presenter|photographer|musician|"
    r"professor|lecturer|tutor|librarian|pastor|priest|minister|rabbi|imam|clerk|labou?rer|"
    r"garda|fisher(?:man|woman)?|fishes|fisheries|lobster|volunteer|elder|canteen|"
    r"(?:run|runs|ran|owns|owned)[ \t]+(?:the|a|an|her|his|their)|postman|postwoman|"
    r"postie|orchards?|team|équipe|equipo|linebacker|opérat(?:eur|rice)|technicien(?:ne)?|"
    r"bracero|"
    r"works?(?:[ \t]+(?:at|for|in|as|nights|night[ \t]+shifts))|worked[ \t]+"
    r"(?:at|for)|plays[ \t]+(?:for|in)|player|footballer|freezing[ \t]+works|haul[ \t]+trucks|"
    r"line[ \t]+cook|shift|retired|hairdresser|shearer|truckie|sparky|checkout|teller|"
    r"real[ \t]+estate|youth[ \t]+worker|care[ \t]+worker|carer|caregiver|nanny|childcare|"
    r"teacher[ \t]+aide|postdoc|phd[ \t]+student|uni[ \t]+student|registrar|junior[ \t]+doctor|"
    r"resident|intern|anaesthetist|anesthesiologist|corrections|prison[ \t]+officer|army|navy|"
    r"air[ \t]+force|deckhand|forestry|logger|shepherd|stockman|jackaroo|jillaroo|station[ \t]+"
    r"hand|vineyard|winemaker|orchardist|beekeeper|baker|butcher|publican|security[ \t]+guard|"
    r"courier|postie|mail[ \t]+carrier|secretary|executive|director|banker|trader|optometrist|"
    r"physiotherapist|chiropractor|dental|doula|vicar|nun|chaplain|councillor|councilor|mayor|"
    r"MP|DJ|radio[ \t]+host|host|actor|actress|singer|artist|athlete|netballer|jockey|"
    r"personal[ \t]+trainer|kitchen[ \t]+hand|welder|joiner|panel[ \t]+beater|roughneck|"
    r"oil[ \t]+rig|surveyor|flight[ \t]+attendant|seafarer|cop|sergeant|mountie|RCMP|EMT|CNA|"
    r"aide|principal|vice-principal|student|pupil|undergrad|retiree|pensioner|stay-at-home|"
    r"homemaker|unemployed|FIFO|tradesman|dairy|sheep|beef|cattle|"
    r"coiffeuse|coiffeur|vendeuse|vendeur|cadre|ingénieure?|comptable|agricultrice|éleveur|"
    r"éleveuse|pêcheur|camionneur|chauffeur|gendarme|militaire|soldat|étudiante?|lycéenne?|"
    r"collégienne?|retraitée?|enseignant|institutrice|instituteur|professeure?|prof|"
    r"aide-soignante?|pharmacienne?|notaire|boulangère?|boulanger|bouchère?|boucher|"
    r"cuisinière?|cuisinier|mécanicien(?:ne)?|électricien(?:ne)?|plombier|maçon|menuisier|"
    r"journaliste|animatrice|animateur|comédienne?|chanteuse|chanteur|pasteure?|prêtre|curé|"
    r"maire|conseillère|conseiller|secrétaire|assistante|"
    r"peluquer[oa]|ingenier[oa]|contador[a]?|contable|agricultor[a]?|ganader[oa]|pescador[a]?|"
    r"camioner[oa]|taxista|guardia[ \t]+civil|militar|soldado|universitari[oa]|jubilad[oa]|"
    r"enfermer[oa]|auxiliar|farmacéutic[oa]|notario|panader[oa]|carnicer[oa]|cociner[oa]|"
    r"mecánic[oa]|electricista|fontaner[oa]|plomer[oa]|carpinter[oa]|periodista|locutor[a]?|"
    r"actriz|cantante|sacerdote|cura|alcalde(?:sa)?|concejal[a]?|funcionari[oa]|secretaria|"
    r"empleada[ \t]+doméstica|niñera|jornaler[oa]|repartidor[a]?|"
    r"enseignante?|infirmière|infirmier|producteur|productrice|laitier|préposée?|pompier|"
    r"policier|policière|chef[ \t]+d['’]équipe|médecin|caissière|serveuse|serveur|agriculteur|"
    r"avocate?|ouvrière?|travaille|travaillait|employée?|fonctionnaire|"
    r"travailler[ \t]+(?:à|au|chez)|trabajar[ \t]+en|"
    r"enfermer[oa]|olivarer[oa]|albañil|maestr[oa]|profesora?|polic[ií]a|agente|médic[oa]|"
    r"camarer[oa]|cajer[oa]|trabaja|trabajaba|regenta|campesin[oa]|obrer[oa]|abogad[oa]|"
    r"bomber[oa]|conductor[a]?|chofer|mesera?|vendedora?")
OCCUPATION = re.compile(rf"\b(?:{OCCUPATIONS})\b", re.I)
# The occupations that name a person ("a paramedic", "un pompier"), for described people.
OCCUPATION_NOUNS = (
    r"nurse|teacher|schoolteacher|headteacher|headmaster|headmistress|pharmacist|firefighter|"
    r"paramedic|midwife|solicitor|lawyer|attorney|barrister|builder|farmer|miner|"
    r"electrician|plumber|carpenter|mechanic|apprentice|"
    r"tradie|driver|coach|principal|police[ \t]+officer|officer|constable|detective|soldier|"
    r"marine|veteran|sailor|pilot|chef|cook|barista|waitress|waiter|bartender|accountant|"
    r"engineer|doctor|surgeon|dentist|vet|physio|social[ \t]+worker|receptionist|cleaner|"
    r"cashier|manager|consultant|architect|journalist|reporter|anchor|presenter|"
    r"photographer|musician|professor|lecturer|tutor|librarian|pastor|priest|minister|"
    r"rabbi|imam|clerk|labou?rer|garda|fisher(?:man|woman)?|volunteer|elder|player|"
    r"professeure?|institutrice|instituteur|technicien(?:ne)?|opérat(?:eur|rice)|"
    r"postman|postwoman|postie|linebacker|cajera|cajero|bracero|"
    r"encargad[oa]|empleada?|trabajador[a]?|"
    r"footballer|agent|hairdresser|shearer|truckie|nanny|carer|caregiver|baker|butcher|"
    r"welder|courier|secretary|banker|singer|actor|actress|athlete|jockey|cop|sergeant|"
    r"student|pupil|retiree|pensioner|homemaker|chaplain|councillor|mayor|radio[ \t]+host|"
    r"coiffeuse|vendeuse|comptable|gendarme|soldat|étudiante?|lycéenne?|retraitée?|"
    r"camionneur|chauffeur|pêcheur|éleveur|cuisinière?|journaliste|secrétaire|peluquera|"
    r"taxista|soldado|jubilad[oa]|cociner[oa]|periodista|cantante|niñera|repartidor[a]?|"
    r"enseignante?|infirmière|infirmier|producteur|productrice|préposée?|"
    r"pompier|policière?|policier|médecin|caissière|serveuse|serveur|agriculteur|avocate?|"
    r"ouvrière?|employée?|enfermer[oa]|olivarer[oa]|albañil|maestr[oa]|profesora?|"
    r"polic[ií]a|agente|médic[oa]|camarer[oa]|cajer[oa]|campesin[oa]|obrer[oa]|"
    r"abogad[oa]|bomber[oa]|conductora?|chofer|mesera?|vendedora?")
# "Daisy Contreras, cajera del ...": an occupation in apposition makes the words a name.
_APPOSITIVE = re.compile(
    rf"[ \t]*,[ \t]+(?:(?:the|a|an|le|la|el|une?|una?|our|my)[ \t]+)?(?:[\w-]+[ \t]+)?"
    rf"(?:{OCCUPATION_NOUNS})\b", re.I)
_SCHOOL_WORDS = (r"High(?:[ \t]+School)?|College|Elementary|Primary|Academy|Grammar|"
                 r"School|Secondary|Intermediate|Kura|Gaelscoil")
SCHOOL = re.compile(
    r"(?i:\b(?:grade|year|form|standard)[ \t]+\d{1,2}\b|\b\d{1,2}(?:st|nd|rd|th)[ \t]+"
    r"(?:grade|year)\b"
    r"|\b(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|"
    r"twelfth|transition)[ \t]+(?:grade|year|class|form)\b|\bsixth[ \t]+year\b"
    r"|\b(?:freshman|sophomore|junior[ \t]+year|senior[ \t]+year))\b"
    rf"|{_CAP}(?:[ \t]+{_CAP})*[ \t]+(?:{_SCHOOL_WORDS})\b"
    rf"|\b(?:Coláiste|Gaelscoil|Scoil|Colegio|IES|CEIP|Lycée|Collège|École|Escuela|Instituto|"
    rf"Cégep|Prepa)[ \t]+{_CAP}"
    r"|\bsecondaire[ \t]+\d\b|\bclasse[ \t]+de[ \t]+\d(?:e|ème|re)\b|\b(?:CM[12]|CE[12]|"
    r"terminale|seconde|première)\b|\b(?:école|collège|lycée|cégep)[ \t]+(?:du|de|des|d['’])?"
    r"[ \t]*[A-Z]"
    r"|\b\d[ºo°ª][ \t]+(?:de[ \t]+)?(?:bachillerato|ESO|primaria|secundaria|prepa|grado)\b"
    r"|\b(?:maestr[oa]|profesor[a]?)[ \t]+de[ \t]+\d[ºo°ª]|\bprepa[ \t]+\d+\b"
    r"|\b(?:colegio|instituto|primaria|secundaria|escuela|prepa)[ \t]+(?:de[ \t]+)?[A-Z]")
_REGIONS = set(fold(w) for w in """
America Canada Britain England Scotland Wales Ireland Australia Zealand Aotearoa France
Spain España Mexico México Argentina Colombia Chile Peru Perú Europe Europa Québec Quebec
Ontario Alberta Manitoba Saskatchewan Columbia Nova Scotia Brunswick Newfoundland Labrador
Yukon Nunavut Victoria Queensland Tasmania Northern Territory Wales Island Islands
California Texas Florida Carolina Virginia Georgia Oregon Washington York Connecticut
Massachusetts Pennsylvania Ohio Michigan Illinois Tennessee Kentucky Colorado Arizona
Yorkshire Lancashire Cornwall Devon Kent Essex Midlands Ulster Munster Leinster Connacht
Connaught Auckland Canterbury Otago Waikato Northland Southland Manawatū Taranaki Bay
Plenty Andalucía Cataluña Galicia Jalisco Provence Bretagne Normandie Rhône Auvergne
West East North South Tokyo Africa Asia the
""".split())
PLACE = re.compile(
    rf"\b(?:in|from|near|out[ \t]+of|out[ \t]+past|past|above|below|outside|around|up|on|"
    rf"(?:moved|moving|move|relocated|went|came|back)[ \t]+to|lives[ \t]+in|habite|habitait|"
    rf"vit[ \t]+à|vive[ \t]+en|"
    rf"of|à|au|aux|de|du|des|d['’]|près[ \t]+de|en|desde|cerca[ \t]+de|del|originari[oa][ \t]+"
    rf"de)[ \t]+(?:the[ \t]+|la[ \t]+|le[ \t]+|l['’]|el[ \t]+|los[ \t]+|las[ \t]+)?"
    rf"({_CAP}(?:[ \t]+(?:{_JOIN}[ \t]+)?{_CAP})*)")
WORKPLACE = re.compile(
    rf"\b(?:at|for|with|chez|au|à[ \t]+la|en[ \t]+el|en[ \t]+la|del)[ \t]+(?:the[ \t]+)?"
    rf"({_CAP}(?:[ \t]+(?:{_JOIN}[ \t]+)?{_CAP})*)")
_MONTHS_EN = (r"January|February|March|April|June|July|August|September|October|November|"
              r"December|Jan|Feb|Aug|Sept|Oct|Nov|Dec")
_MONTHS_FR_ES = (r"janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|"
                 r"novembre|décembre|enero|febrero|marzo|abril|mayo|junio|julio|agosto|"
                 r"septiembre|setiembre|octubre|noviembre|diciembre")
_DAYS = r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
DATED = re.compile(
    rf"\b(?:{_MONTHS_EN})\b|(?i:\b(?:{_MONTHS_FR_ES})\b)|\bMay[ \t]+\d|\b(?:in|since|last|"
    rf"this|early|late)[ \t]+May\b|\b(?:19|20)\d{{2}}\b"
    rf"|(?i:\b(?:last|this|on|that)[ \t]+(?:{_DAYS}|week|weekend|month|spring|summer|autumn|"
    rf"fall|winter|year|night|term|season))\b|\b(?:{_DAYS})['’]s\b"
    r"|(?i:\b(?:yesterday|this[ \t]+morning|half-term|New[ \t]+Year['’]s(?:[ \t]+(?:Eve|Day))?|"
    r"Christmas|Easter|Thanksgiving|Anzac[ \t]+Day|Matariki|county[ \t]+final|the[ \t]+week"
    r"[ \t]+after|setting[ \t]+day|Noël|Navidad|Pâques|Semana[ \t]+Santa|la[ \t]+rentrée|"
    r"(?:\w+|\d+)[ \t]+(?:days|weeks|months|years)[ \t]+ago|Boxing[ \t]+Day|Labou?r[ \t]+Day|"
    r"Canada[ \t]+Day|Waitangi[ \t]+Day|Australia[ \t]+Day|Halloween|term[ \t]+\d|"
    r"il[ \t]+y[ \t]+a[ \t]+(?:\w+)[ \t]+(?:jours|semaines|mois|ans)|"
    r"hace[ \t]+(?:\w+)[ \t]+(?:días|semanas|meses|años)|"
    r"depuis[ \t]+le[ \t]+concours|before[ \t]+every|the[ \t]+mocks?|"
    r"(?:l['’]|le[ \t]+|la[ \t]+)?(?:été|hiver|printemps|automne|mois|semaine|année|"
    r"lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)[ \t]+(?:derni(?:er|ère)|passée?)|hier|"
    r"(?:\w+)[ \t]+(?:days|weeks|months|jours|semaines|mois|días|semanas|meses)[ \t]+"
    r"(?:after|before|après|avant|después|antes)|"
    r"la[ \t]+veille|cette[ \t]+semaine|cet[ \t]+(?:hiver|été|automne)|ce[ \t]+printemps|"
    r"esta[ \t]+semana|este[ \t]+(?:mes|año|verano|invierno)|"
    r"(?:el|la)[ \t]+(?:verano|invierno|otoño|año|mes|semana|lunes|martes|"
    r"miércoles|jueves|viernes|sábado|domingo|primavera)[ \t]+pasad[oa]|ayer|anoche)\b)")
HEALTH = re.compile(
    r"\bdiagnos(?:ed|is)\b|\bdiagnostiquée?\b|\bdiagnostic\b|\bdiagnóstico\b|\bdiagnosticad[oa]\b|"
    r"\bMS\b|\bPND\b|\bALS\b"
    r"|\b(?:TSPT|TEPT|TDAH|TOC|TCA|ELA|TSA|VIH|SIDA|PTSD|OCD|ADHD|BPD|HIV)\b"
    r"|(?i:\b(?:depression|depressed|bipolar|ptsd|autism|autistic|schizophreni\w*|psychosis|"
    r"anorexi\w*|bulimi\w*|eating[ \t]+disorder|cancer|leuka?emia|diabetes|dementia|"
    r"alzheimer(?:['’]?s)?|parkinson(?:['’]?s)?|huntington(?:['’]?s)?|epilepsy|"
    r"multiple[ \t]+sclerosis|"
    r"motor[ \t]+neurone|panic[ \t]+attacks?|panic[ \t]+disorder|borderline|psychotic|"
    r"miscarriage|stillbirth|abortion|pregnan\w*|infertility|ivf|overdos\w*|rehab|"
    r"relapsed?|addict\w*|alcoholi\w*|self-harm\w*|cutting|suicid\w*|took[ \t]+(?:his|her|"
    r"their)[ \t]+own[ \t]+life|taken[ \t]+(?:his|her|their)[ \t]+own[ \t]+life|assaulted|"
    r"raped|abused|sectioned|hospitali[sz]ed|admitted[ \t]+to|postnatal|postpartum|dui|"
    r"sertraline|zoloft|fluoxetine|prozac|escitalopram|lexapro|citalopram|venlafaxine|"
    r"effexor|bupropion|wellbutrin|mirtazapine|lithium|quetiapine|seroquel|olanzapine|"
    r"risperidone|aripiprazole|lamotrigine|methylphenidate|ritalin|adderall|vyvanse|"
    r"diazepam|valium|alprazolam|xanax|lorazepam|ativan|clonazepam|methadone|suboxone|"
    r"naltrexone|zopiclone|antidepressants?|chronic[ \t]+pain|fibromyalgia|long[ \t]+covid|"
    r"stroke|heart[ \t]+attack|brain[ \t]+injury|concussion|motor[ \t]+neurone[ \t]+disease|"
    r"cerebral[ \t]+palsy|down[ \t]+syndrome|amputee|agoraphobi\w*|social[ \t]+anxiety|"
    r"hoarding|gambling|pokies|meth|heroin|opioids?|detox|withdrawal|psych(?:iatric)?[ \t]+"
    r"(?:ward|unit|hospital)|inpatient|involuntar\w+|gender[ \t]+dysphoria|transition(?:ed|"
    r"ing)?|hiv[ \t]+positive|insomnia|dépression[ \t]+post-partum|burn-?out|toxicomanie|"
    r"alcoolisme|ludopatía|alcoholismo|drogadicción|cáncer|"
    r"dépression|déprimée?|crises?[ \t]+de[ \t]+panique|crises?[ \t]+d['’]angoisse|"
    r"bipolaire|maladie[ \t]+de[ \t]+\w+|tentative[ \t]+de[ \t]+suicide|anorexie|boulimie|"
    r"schizophrénie|cancer|sclérose|hospitalisée?|fausse[ \t]+couche|"
    r"syndrome|síndrome|maladie|enfermedad|"
    r"depresión|deprimid[oa]|ataques?[ \t]+de[ \t]+pánico|crisis[ \t]+de[ \t]+ansiedad|"
    r"trastorno|intento[ \t]+de[ \t]+suicidio|adicción|anorexia|bulimia|esquizofrenia|"
    r"hospitalizad[oa]|aborto|embarazad[oa])\b)")
FAMILY = re.compile(
    r"(?i:\b(?:divorced?|divorce|separated|separation|widow(?:ed|er)?|funeral|died|dies|"
    r"passed[ \t]+away|death|redundant|deported|kicked[ \t]+(?:him|her|them)[ \t]+out|"
    r"(?:marriage|relationship)[ \t]+ended|lost[ \t]+(?:his|her|their)[ \t]+(?:son|daughter|"
    r"husband|wife|partner|brother|sister|mother|mum|mom|father|dad|baby|grandmother|"
    r"grandfather|nan|friend)|(?:his|her|their)[ \t]+(?:ex[- ]?|late[ \t]+|new[ \t]+|older"
    r"[ \t]+|younger[ \t]+|little[ \t]+|baby[ \t]+|only[ \t]+)?(?:husband|wife|partner|"
    r"boyfriend|girlfriend|son|daughter|kids|children|child|baby|mother|mom|mum|father|dad|"
    r"brother|sister|stepdad|stepmum|stepmom|grandmother|grandfather|twins|flatmate|whānau)|"
    r"single[ \t]+(?:mom|mum|dad|parent)|(?:mom|mum|mother|father|dad|parent)[ \t]+of[ \t]+"
    r"(?:two|three|four|five|six|seven|eight|twins|\d)|custody|foster(?:ed|[ \t]+care)?|"
    r"adopted|adoption|wedding|engaged|affair|estranged|moved[ \t]+out|left[ \t]+(?:him|her|"
    r"them)|(?:protection|restraining)[ \t]+order|stepfather|stepmother|mother-in-law|"
    r"father-in-law|birth[ \t]+of|gave[ \t]+birth|(?:his|her|their)[ \t]+parents['’]?|"
    r"(?:mère|père)[ \t]+de[ \t]+(?:deux|trois|quatre|\d)|garde[ \t]+des[ \t]+enfants|"
    r"(?:madre|padre)[ \t]+de[ \t]+(?:dos|tres|cuatro|\d)|custodia|mariage|boda|"
    r"leurs?[ \t]+(?:fils|fille|filles|enfants|mère|père|parents)|"
    r"(?:deux|trois|quatre|cinq|dos|tres|cuatro|cinco|two|three|four|five|\d)[ \t]+"
    r"(?:enfants|hijos|hijas|kids|children)|grand-mère|grand-père|abuela|abuelo|"
    r"veuve?|veuf|divorcée?|décès|décédée?|est[ \t]+mort[e]?|(?:son|sa)[ \t]+(?:mari|femme|"
    r"fils|fille|frère|sœur|mère|père|conjoint)|la[ \t]+mère[ \t]+de|licenciée?|"
    r"viud[oa]|divorciad[oa]|divorcio|murió|falleció|perdió[ \t]+a[ \t]+su|deportad[oa]|"
    r"su[ \t]+(?:esposo|esposa|hijo|hija|hermano|hermana|papá|mamá|madre|padre|nieto|nieta|"
    r"novio|novia|marido)|lo[ \t]+corrió|la[ \t]+corrió|la[ \t]+mamá[ \t]+de|"
    r"su[ \t]+hermana)\b)")
EVENT = re.compile(
    r"(?i:\b(?:the[ \t]+only[ \t]+(?:one|person|woman|man)|crash|accident|fire|fires|flood|"
    r"floods|snow|drought|arrested|court|lotto|evicted|lost[ \t]+(?:his|her|their)[ \t]+"
    r"(?:house|home|licence|license|job|savings|farm|flock|business)|sleeping[ \t]+in[ \t]+"
    r"(?:his|her|their)[ \t]+car|filmed|shooting|attack|"
    r"le[ \t]+seul|la[ \t]+seule|incendie|inondation|filmée?|agressée?|"
    r"el[ \t]+único|la[ \t]+única|incendio|inundación|helada|balacera|asalto|accidente)\b)")
CONTACT_KIND = "a phone number or email"
DESCRIBED = _described()

DETAIL_KINDS = (("an age", AGE), ("an occupation or employer", OCCUPATION),
                ("a school or year group", SCHOOL), ("a diagnosis, medication or health event",
                                                     HEALTH),
                ("a family event", FAMILY), ("a dated event", DATED),
                ("a distinctive event", EVENT))


def _proper_place(name):
    """A captured place or workplace name that names something small: not a region, a
    month, a day or a common word."""
    words = [w for w in re.split(r"[ \t]+", name) if w]
    first = fold(words[0].rstrip("'’s"))
    if first in _COMMON or first in _REGIONS and len(words) == 1:
        return False
    return not all(fold(w) in _REGIONS or fold(w) in _COMMON for w in words)


# --- the passages --------------------------------------------------------------------------

def _name_mentions(text, own, lowered_words):
    """[(start, end, label, kind)] of named people in `text`."""
    out = []
    for m in _CAP_SEQ.finditer(text):
        seq = m.group()
        words = seq.split()
        offset = 0
        while len(words) > 1 and fold(words[0]) in _COMMON and fold(words[0]) not in NAMES:
            offset += len(words[0]) + 1                 # "Ring Siobhán", "Text Aroha"
            words = words[1:]
        m_start = m.start() + offset
        # A possessive ends the name: "Bethan's husband".
        first = re.sub(r"['’]s$", "", words[0])
        key = fold(first)
        last = fold(re.sub(r"['’]s$", "", words[-1]))
        before = text[max(0, m_start - 40):m_start]
        after = text[m.end():m.end() + 40]
        if len(words) > 1 and any(fold(re.sub(r"['’]s$", "", w)) in _PLACE_WORDS
                                  for w in words):
            continue                      # "Grey Bruce Health", "Maria Place", "Hospital X"
        if key in _PLACE_BEFORE:
            continue                                  # "St Vincent's", "San Pedro"
        if last in _PLACE_WORDS and len(words) == 1:
            continue
        prev = before.split()[-1:] if before.split() else []
        if prev and fold(prev[0]) in _PLACE_BEFORE:
            continue                                  # St Patrick, Lake Tekapo
        if _PRO_BEFORE.search(before) or _FAME_BEFORE.search(before) or \
                _FAME_AFTER.match(after):
            continue                     # "the psychologist John Gottman", "singer X"
        if HEALTH.fullmatch(seq):
            continue                                  # "Parkinson", "Alzheimer's"
        titled = bool(_TITLE.search(before))
        known = key in NAMES
        # After "in", "en", "à" a capitalised word is a place ("nació en Santiago de los
        # Caballeros"); after "from", "de", "at" too unless it is a known first name.
        tail = before.rstrip()
        prep = fold(re.split(r"[ \t]", tail)[-1]) if tail and tail == before[:len(tail)] \
            and before.endswith((" ", "\t")) else ""
        if not titled and (prep in _PLACE_PREP and (not known or len(words) > 2 or
                                                     any(fold(w) in ("de", "del", "la", "los")
                                                         for w in words))
                           or prep in _PLACE_PREP_UNKNOWN and not known and not (
                               (_PERSON_AFTER.match(after) or _APPOSITIVE.match(after))
                               and len(words) > 1)):
            continue
        ambiguous = key in AMBIGUOUS
        context = bool(_PERSON_AFTER.match(after) or _PERSON_BEFORE.search(before) or
                       _APPOSITIVE.match(after))
        # An everyday word ("Tank", "Hope", "Val") is not proper-noun evidence; a word no
        # frequency list of the three languages knows ("Jarrah", "Yesenia") is.
        everyday = key in EVERYDAY or all(fold(w) in EVERYDAY for w in words)
        common = key in _COMMON or key in lowered_words or len(first) < 2
        initial = re.match(rf"[ \t]+[{_UP}]\.(?![\w])", after) if len(words) == 1 else None
        if len(words) == 2 and len(words[1]) == 1 and after.startswith("."):
            initial = re.match(r".+", " " + words[1] + ".")  # "Yesenia M."
            words = words[:1]
            everyday = key in EVERYDAY
        proper = not everyday and not common          # no dictionary knows it
        if titled:
            pass
        elif known and len(words) > 1 and len(words) <= 4:
            pass                                      # a first name and a surname
        elif known and not ambiguous:
            pass
        elif context and not common:
            pass                                      # the text shows it is a name
        elif (known or ambiguous) and context:
            pass
        elif proper and (initial or _HUMAN_AFTER.match(after)):
            pass                                      # "Yesenia M.", "Jarrah felt"
        else:
            continue
        full = " ".join(w for w in words[:4])
        full = re.sub(r"['’]s$", "", full)
        kind = "full" if len(words) > 1 or titled else "name"
        if initial and (known or context or proper):
            full, kind = full + initial.group(), "full"     # "Yesenia M.": one person
        if len(words) > 1 and fold(full) in own:
            kind = "own"                              # the practice's own people
        if len(words) == 1 and key in own:
            kind = "own first name"                   # theirs, or a client's: see judge
        end = m_start + len(full)
        out.append((m_start, end, full, kind))
    return out


def _initials(text):
    out = []
    for m in _INITIALS.finditer(text):
        letters = re.sub(r"[^\w]", "", m.group()).upper()
        if letters in CREDENTIALS or fold(letters).upper() in CREDENTIALS:
            continue
        out.append((m.start(), m.end(), m.group(), "initials"))
    return out


def mentions(text, own):
    """Every individual the text points at: named, initialled, a client, or described."""
    lowered = {w for w in re.findall(r"(?<![\w'’])[a-zà-öø-ÿ][\w'’-]*", text)}
    lowered = {fold(w) for w in lowered}
    found = _name_mentions(text, own, lowered) + _initials(text)
    found += [(m.start(), m.end(), m.group(), "client") for m in CLIENT.finditer(text)]
    for rx, kind in ((DESCRIBED, "described"), (_ONLY, "described")):
        for m in rx.finditer(text):
            if not any(s <= m.start() < e or m.start() <= s < m.end() for s, e, _, k in found
                       if k == "client"):
                found.append((m.start(), m.end(), m.group(), kind))
    return sorted(found)


def _spans(rx, text, start, end, group=0):
    return [(m.start(group), m.end(group), m.group(group)) for m in rx.finditer(text, start, end)]


def details_in(text, start, end, skip, contacts=()):
    """{kind: [(start, end, text)]} in text[start:end], outside the `skip` spans (names)."""
    def outside(spans):
        return [s for s in spans if not any(a <= s[0] < b for a, b in skip)]

    found = {}
    for kind, rx in DETAIL_KINDS:
        spans = outside(_spans(rx, text, start, end))
        if spans:
            found[kind] = spans
    places = [s for s in outside(_spans(PLACE, text, start, end, 1)) if _proper_place(s[2])]
    works = [s for s in outside(_spans(WORKPLACE, text, start, end, 1)) if _proper_place(s[2])]
    if places:
        found["a place"] = places
    if works:
        found.setdefault("an occupation or employer", []).extend(works)
    inside = [c for c in contacts if start <= c[0] < end]
    if inside:
        found[CONTACT_KIND] = inside
    return found


def _passages(text, split):
    """[(start, end, paragraph)] sentences with the number of the paragraph (line) they
    are in."""
    out, para = [], 0
    for start, end in split(text):
        if "\n" in text[out[-1][1] if out else 0:start]:
            para += 1                       # a line break: a new paragraph or list item
        out.append((start, end, para))
    return out


_FIRST_PERSON = re.compile(
    r"[ \t\"“]*(?:I|I['’]m|I['’]ve|I['’]d|My|We|Our|When[ \t]+I|As[ \t]+a|Je|J['’]\w+|Nous|"
    r"Moi|Mon|Ma|Mes|Yo|Mi|Mis|Nosotr[oa]s|Cuando[ \t]+(?:yo|era)|Quand[ \t]+j)\b")
# "trained as a nurse", "the son of a farmer": the writer's own role or family.
_ROLE_BEFORE = re.compile(r"\b(?:as|of|was|am|been|became|comme|como|fui|era|étais|était|"
                          r"avait[ \t]+été|había[ \t]+sido)[ \t]+$", re.I)
# A year long before any client of today's practice: the passage is history.
_HISTORY = re.compile(r"\b(?:in|en|of|de|du|since|depuis|desde|year|año|année|around|circa|"
                      r"c\.|from|until|till|jusqu['’]en|hasta)[ \t]+(?:1[0-8]\d\d|19[0-7]\d)\b",
                      re.I)
_BARE_AGE = re.compile(r"[ \t]+([1-9]\d)\b(?![\d.,:%/-])")
_HE_SHE = re.compile(r"(?:^|[.!?\n][ \t\"“]*)(?:He|She|They|Il|Elle|Él|Ella)\b")
_CLIENT_NAMED = re.compile(
    rf"\b(?:(?:my|our)[ \t]+(?:\w+[ \t]+)?(?:client|patient)|one[ \t]+of[ \t]+my[ \t]+"
    rf"(?:clients|patients)|(?:a|one)[ \t]+(?:client|patient)[ \t]+(?:named|called)|"
    rf"(?:ma|mon)[ \t]+(?:patiente?|cliente?)|mi[ \t]+(?:paciente|cliente))"
    rf",?[ \t]+(?:named[ \t]+|called[ \t]+)?(?=[{_UP}][a-zà-ÿ])", re.I)


def judge(text, split, own, contacts=(), around=""):
    """[(start, end, anchor, details, kind)] for every passage that tells a recognisable
    story. `split(text)` gives sentence spans; `own` holds the folded names of the
    practice's people; `contacts` are (start, end, text) of phone numbers and emails found
    in the text (a contact detail counts as a detail)."""
    people = mentions(text, own)
    if not people and not CUE.search(text) and not _HE_SHE.search(text) and \
            not _SINGULAR.search(text) and not AGE.search(text):
        return []
    sents = _passages(text, split)
    out, done = [], set()
    for i, (s_start, s_end, para) in enumerate(sents):
        who = [p for p in people if s_start <= p[0] < s_end]
        if not who:
            told = CUE.search(text, s_start, s_end)
            he = _PRONOUN_START.match(text, s_start)
            if he and _WRITER_FAMILY.search(" ".join(text[a:b] for a, b, q in sents
                                                     if q == para)):
                he = None                # "my son ... He is 12 now": the writer's family
            if (told or he) and not GENERIC.search(text[s_start:s_end]):
                details = details_in(text, s_start, s_end, [], contacts)
                # "..., she told me" with two details; "He is forty-two, drives trucks for
                # Mainfreight ..." with an age and two more: one person's story.
                if (told and len(details) >= 2 or he and "an age" in details
                        and len(details) >= 3) and (s_start, s_end) not in done:
                    done.add((s_start, s_end))
                    out.append((s_start, s_end, (told or he).group().strip(), details,
                                "client" if told else "name"))
            continue
        # The passage: this sentence and the next ones about the same person.
        end, j = s_end, i + 1
        while j < len(sents) and j <= i + 2 and sents[j][2] == para and \
                _PRONOUN_START.match(text[sents[j][0]:sents[j][1]]) and \
                not any(sents[j][0] <= p[0] < sents[j][1] and p[3] in ("name", "full",
                                                                        "own first name")
                        for p in people):
            end, j = sents[j][1], j + 1
        passage = text[s_start:end]
        paragraph = " ".join(text[a:b] for a, b, p in sents if p == para)
        cue = bool(CUE.search(passage))
        client = any(p[3] == "client" for p in who) or bool(CLIENT.search(passage))
        # The post around a title or summary makes it public only when it speaks of the
        # same person ("Stephen Fry on depression" over his documentary).
        named_around = PUBLIC.search(around) and any(
            fold(p[2].split()[-1]) in fold(around) for p in who if p[3] in ("name", "full"))
        public = bool(PUBLIC.search(paragraph) or named_around) and not client \
            and not cue
        bio = bool(BIO.search(paragraph)) and not client and not cue
        generic = bool(GENERIC.search(text[s_start:s_end]) or _RHETORICAL.search(paragraph))
        if _NAMED_DEATH.search(paragraph) and _obituary(paragraph) and not client and not cue:
            continue                     # an obituary: the public record
        composite = bool(_COMPOSITE.search(text) or _COMPOSITE.search(around) or
                         _HYPOTHETICAL.search(text, s_start, s_end))
        skip = [(p[0], p[1]) for p in who if p[3] in ("name", "full", "initials",
                                                      "own first name", "own")]
        details = details_in(text, s_start, end, skip, contacts)
        for p in who:                       # "Kylie 39 nurse": a bare age right after a name
            bare = _BARE_AGE.match(text, p[1]) if p[3] in ("name", "full") else None
            if bare and "an age" not in details:
                details["an age"] = [(bare.start(1), bare.end(1), bare.group(1))]
        kinds = set(details)
        best = None
        # Names first: "my client Maria" is reported as the client Maria.
        for start, stop, label, kind in sorted(who, key=lambda p: p[3] not in ("name",
                                                                             "full")):
            if kind == "own":
                continue
            if kind == "described" and not client and not cue and (
                    any(p[3] in ("own", "own first name") for p in who)
                    or _FIRST_PERSON.match(text, s_start)
                    and _ROLE_BEFORE.search(text, max(s_start, start - 12), start)):
                continue                 # "Eleanor Price, 45, trained as a nurse": theirs;
                # "I grew up in Taihape, the son of a sheep farmer": the writer's own life
            if kind in ("name", "full") and _HISTORY.search(passage) and not client \
                    and not cue:
                continue                 # "Marie Curie ... died in 1934": history
            if kind == "full" and _obituary(passage) and not client and not cue:
                continue                 # "Robin Williams died in August 2014": the record
            if kind == "own first name" and not ({"an age"} & kinds or client):
                continue                 # the practice's Ciarán, unless he has an age
            if kind in ("name", "full", "own first name"):
                after = text[stop:stop + 40]
                if public or bio or _CREDENTIAL_AFTER.match(after):
                    continue
            if kind in ("described",) and (generic or public or bio or composite):
                continue
            if kind == "client" and generic and not cue:
                continue
            if kind == "described" and not (_DESCRIBED_AGE.search(label) or cue or
                                           "only" in label.lower() or "únic" in label.lower()
                                           or "seul" in label.lower() or len(kinds) >= 2):
                continue
            lo = max(s_start, start - 40)
            named = [c for c in _CLIENT_NAMED.finditer(text[lo:stop]) if lo + c.end() == start]
            if kind in ("name", "full") and named:
                best = (start, stop, text[lo + named[0].start():stop], "client")
                break                                     # "my client Tyler"
            enough = len(kinds) >= 2 or (kinds and (cue or client) and kind != "described") \
                or (kind in ("initials", "full") and kinds & {
                    "a diagnosis, medication or health event", "an age"})
            if enough:
                best = (start, stop, label, kind)
                break
        if best and (s_start, end) not in done:
            done.add((s_start, end))
            out.append((s_start, end, best[2], details, best[3]))
    own_at = [p[0] for p in people if p[3] in ("own", "own first name")]
    named_at = [(p[0], p[1]) for p in people if p[3] in ("name", "full", "initials")]
    folded = fold(text)
    for name in own:                     # full names only: "Ana" is also in "Santa Ana"
        own_at += [m.start() for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", folded)
                   if " " in name]
    return out + _paragraphs(text, sents, out, contacts, around, own_at, named_at)


# Someone spoken of in the third person singular ("she", "his", "il", "elle", "él").
_SINGULAR = re.compile(r"\b(?:he|she|his|her|him|il|elle|lui|él|ella)\b", re.I)


# A named person's own death with its year is public record ("Selena Quintanilla murió en
# marzo de 1995"), unless the death is a relative's ("whose brother died in 2019").
_DEATH = re.compile(r"\b(?:died|dies|death|passed[ \t]+away|murió|falleció|muerte|décès|"
                    r"décédée?|est[ \t]+morte?)\b", re.I)
_RELATIVE = re.compile(
    r"\b(?:his|her|their|whose|su|sus|son|sa|ses|leur)[ \t]+(?:[\w-]+[ \t]+)?(?:brother|sister|"
    r"son|daughter|husband|wife|partner|mother|father|mum|mom|dad|baby|child|friend|frère|"
    r"sœur|fils|fille|mari|femme|conjointe?|mère|père|bébé|hermano|hermana|hijo|hija|esposo|"
    r"esposa|marido|madre|padre|mamá|papá|bebé|amig[oa])\b", re.I)
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_NAMED_DEATH = re.compile(rf"{_CAP}[ \t]+{_CAP}(?:[ \t]+{_CAP})?,?[ \t]+(?:died|murió|falleció|"
                          r"est[ \t]+morte?|est[ \t]+décédée?|passed[ \t]+away)\b")


def _obituary(passage):
    return bool(_DEATH.search(passage) and _YEAR.search(passage) and
                not _RELATIVE.search(passage) and not CLIENT.search(passage))


# The writer's own family: "my son", "mi hijo", "ma fille".
_WRITER_FAMILY = re.compile(
    r"\b(?:my|mon|ma|mes|mi|mis)[ \t]+(?:[\w-]+[ \t]+)?(?:son|daughter|kids|children|child|"
    r"husband|wife|partner|mother|father|mum|mom|dad|brother|sister|grandmother|grandfather|"
    r"nan|granny|grandma|grandpa|neighbour|neighbor|fils|fille|enfants|mari|femme|conjointe?|"
    r"mère|père|frère|sœur|grand-mère|grand-père|voisine?|hijo|hija|hijos|esposo|esposa|"
    r"marido|madre|padre|mamá|papá|hermano|hermana|abuela|abuelo|vecin[oa])\b", re.I)
# A post that says its story is made up: its unnamed people are nobody in particular.
_COMPOSITE = re.compile(r"\b(?:composite|fictional|invented|fictive|fictif|inventée?s?|"
                        r"compuest[oa]|fictici[oa]|inventad[oa]s?|made-up|made[ \t]+up|"
                        r"imaginary|hypothetical|fictitious|imaginaire|hypothétique|"
                        r"imaginari[oa]|hipotétic[oa])\b", re.I)
# "I", "my", "yo", "je": the writer's own life, unless someone else is spoken of too.
_WRITER = re.compile(r"\b(?:I|my|me|je|j['’]|moi|mon|ma|mes|yo|mi|mis)\b"
                     # Spanish first person without "yo": "llegué", "trabajé", "nací"
                     r"|\b(?:llegué|trabajé|estudié|empecé|viví|nací|crecí|tenía[ \t]+que|"
                     r"me[ \t]+mudé|me[ \t]+casé|me[ \t]+gradué)\b", re.I)


def _paragraphs(text, sents, found, contacts, around, own_at=(), named_at=()):
    """A paragraph that tells one person's story without naming them: "He milks 120
    Holsteins north of Mount Forest ... On the night of October 14th the barn went up";
    "Tiene 67 años. Llegó durante el éxodo del Mariel ... Enviudó en enero". Its
    sentences that are not general ("many", "may", "imagine") are read together: with a
    person spoken of in the third person singular (two pronouns, or an age), three kinds
    of detail are a story; with a cue from the therapy room, two."""
    out = []
    paras = {}
    for start, end, para in sents:
        paras.setdefault(para, []).append((start, end))
    for spans in paras.values():
        lo, hi = spans[0][0], spans[-1][1]
        if any(f[0] < hi and lo < f[1] for f in found):
            continue
        paragraph = text[lo:hi]
        if PUBLIC.search(paragraph) or PUBLIC.search(around) or BIO.search(paragraph) or \
                _COMPOSITE.search(text) or _COMPOSITE.search(around) or \
                _WRITER_FAMILY.search(paragraph) or _RHETORICAL.search(paragraph) or \
                any(lo <= at < hi for at in own_at) or \
                (_NAMED_DEATH.search(paragraph) or any(
                    lo <= at < hi and " " in text[at:e].strip() for at, e in named_at)) and \
                _obituary(paragraph):
            continue                 # public, a bio, a composite, or the practice's own
        last = max([at for at in own_at if at < hi] + [at for at, _ in named_at if at < hi],
                   default=None)
        if last is not None and last in own_at and not CUE.search(paragraph) and \
                not CLIENT.search(paragraph):
            continue                 # "Dana Whitfield ... She grew up in Asheville": theirs
        # A general sentence, unless it gives one person's age ("Former Lions linebacker,
        # 52, ... coaches Little League every spring").
        kept = [(a, b) for a, b in spans if not GENERIC.search(text, a, b) or
                AGE.search(text, a, b) and _SINGULAR.search(text, a, b)
                and not _HYPOTHETICAL.search(text, a, b)]
        if not kept:
            continue
        details, singular, cue = {}, 0, None
        for a, b in kept:
            if _WRITER.search(text, a, b) and not _SINGULAR.search(text, a, b) and \
                    not CUE.search(text, a, b):
                continue                         # the writer's own life
            for kind, got in details_in(text, a, b, named_at, contacts).items():
                details.setdefault(kind, []).extend(got)
            singular += len(_SINGULAR.findall(text, a, b))
            singular += 2 * sum(a <= at < b for at, _ in named_at)   # a name: one person
            cue = cue or CUE.search(text, a, b)
        single = singular >= 2 or "an age" in details
        if single and len(details) >= 3 or cue and len(details) >= 2:
            anchor = cue or _SINGULAR.search(text, lo, hi) or AGE.search(text, lo, hi)
            out.append((lo, hi, anchor.group().strip() if anchor else paragraph[:40],
                        details, "client" if cue else "described"))
    return out
