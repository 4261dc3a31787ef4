"""The story rules sentence by sentence (no Pelican: scan_text, the checker's own entry
point): stories that point at one person in English, French and Spanish are reported,
with or without a cue, and ordinary writing by a practice is not. Whole posts in real
builds: test_confidentiality_dev.py and test_confidentiality_placements.py."""

import pytest

from tools.pelican_adapter import plugin_module

obfuscated = plugin_module("confidentiality.obfuscated")
Context = plugin_module("confidentiality.scan").Context
scan_text = plugin_module("confidentiality.scan").scan_text
load_regions = plugin_module("emergency_notice.emergency_notice").load_regions

CTX = Context.from_settings({
    "PRACTICE": {"country": "NZ", "clinician": "Aroha Ngata", "city": "Whanganui",
                 "staff": [{"name": "Bex Tahana", "role": "receptionist"}]},
    "EMERGENCY_NOTICE_REGIONS": load_regions()})

STORIES = [
    'Last week, a client - a single dad who works at the meatworks in Feilding - '
    "told me he hasn't slept since the custody hearing.",
    'J., 30, a hairdresser in Marton, has been seeing me since her stroke in June.',
    "A woman in her 40s from Bulls, a mother of three, came to me after her husband's affair.",
    "Let's call her Anna: a thirty-four-year-old midwife at Palmerston North "
    'Hospital whose baby was stillborn in March.',
    'Mrs K, a retired teacher in Wanganui East, started seeing me after her son was '
    'arrested three weeks ago.',
    "I've been working with a Year 10 girl at Cullinane College who has been cutting since Term 2.",
    'Une femme dans la quarantaine, coiffeuse à Trois-Rivières, est venue me voir '
    'après le décès de son fils.',
    'Un señor de 70 años, jubilado de Pemex en Tampico, vino a verme tras la muerte de su esposa.',
    'He is forty-two, drives trucks for Mainfreight out of Hamilton, and his partner '
    'left him at Easter.',
    'Brent, a 44-year-old electrician from Taihape, rang me the week his wife left.',
    "I'll never forget the retired schoolteacher from Foxton whose husband died in "
    'the flood last year.',
    'Last spring a young mum of three from Castlecliff came to see me about her drinking.',
    'Jordan (16) from Gonville High has been self-harming since his parents split.',
    'R.T., 45, works at the Fonterra plant in Hāwera and has panic attacks on night shift.',
    'A client of mine, the only Samoan nurse on the ward at Whanganui Hospital, was '
    'assaulted last month.',
    'My client, a well-known radio host in Whanganui, has been hiding his gambling from his wife.',
    'Sione is 19 and plays rugby for Marist; he told me about the concussion.',
    "Une cliente de 52 ans, infirmière à Rimouski, m'a raconté son divorce.",
    'Una paciente de 29 años, maestra en Zapopan, me contó que su esposo la golpea.',
    "Kiri's mum, who's 41 and drives the school bus in Ratana, is struggling since the crash.",
]

ORDINARY = [
    "Viktor Frankl, a psychiatrist who survived Auschwitz, wrote Man's Search for Meaning in 1946.",
    'Bessel van der Kolk, a Dutch psychiatrist based in Boston, describes trauma as '
    'stored in the body.',
    "Dr. Kristin Neff's research at the University of Texas shows that self-compassion helps.",
    'Sir John Kirwan, the former All Black, has spoken about depression since 2007.',
    'When my mother died in 2015, I took three months off work.',
    'I grew up in Taihape, the son of a sheep farmer, and trained as a nurse before '
    'becoming a counsellor.',
    'Aroha has 20 years of experience and was a social worker at Whanganui Hospital before 2015.',
    'Marie Curie, the physicist, died of aplastic anaemia in 1934.',
    'Our practice began in 2015 when Aroha left her job as a school counsellor in Marton.',
    "If you're a single dad juggling custody arrangements, you are not alone.",
    "Many hairdressers hear their clients' troubles all day and have nowhere to put their own.",
    'Grief after a stillbirth is often misunderstood; midwives in Palmerston North '
    'run a support group.',
    'When a parent is arrested, children need honest, simple explanations.',
    'Students in Year 10 often start to feel exam pressure for the first time.',
    "Beaucoup de femmes dans la quarantaine me consultent pour de l'épuisement.",
    'Muchos jubilados sienten que pierden su propósito cuando dejan de trabajar.',
    'Our receptionist Bex has lived in Whanganui all her life and loves the river.',
    'Three years ago I moved my practice from Wellington to Whanganui.',
    'Truck drivers spend long hours alone; podcasts and regular calls home can help.',
    "Welcome! I'm Aroha, a counsellor in Whanganui, and I work with adults and couples.",
    'Carl Rogers believed that people grow when they feel understood.',
    'In March we will run a six-week group for new parents in Whanganui.',
    'A 2019 study of 1,200 nurses in Ontario found that night shifts doubled the risk of burnout.',
    'My colleague Sam Patel, a nurse practitioner at Mission Health, will co-facilitate the group.',
    'Our guest speaker, Professor Linda Graham from the University of Auckland, will '
    'talk about resilience.',
    'Parents of teenagers in Year 9 often tell me the first term is the hardest.',
    'Last October I spoke at the Whanganui Library about grief; thank you to everyone who came.',
    'When my father died in 2015, I learned how strange grief can be.',
    'I trained at Massey University and worked at Whanganui Hospital for ten years '
    'before opening my practice.',
    "Brené Brown's research on shame changed how I work.",
    'The Mental Health Foundation of New Zealand runs Pink Shirt Day every May.',
    'If you are a farmer in your fifties and the bank is calling, you are not alone.',
    'Dr. Gabor Maté wrote about addiction and trauma in his book.',
    'Prince Harry spoke openly about his grief in interviews and in his memoir.',
    'Teachers, nurses and farmers make up most of my practice.',
    'My husband and I moved to Whanganui in 2012 with our two kids.',
    'Marie, our new receptionist, joined us in June after twelve years at the district council.',
    'Sessions are 50 minutes and cost $140; ACC can fund therapy after a sensitive claim.',
    'On Tuesday 14 May the rooms will be closed for Matariki.',
    'Emma Watson, the actor, has spoken publicly about anxiety.',
    'A teenager who feels anxious about school may refuse to go.',
    'Beaucoup de parents me disent que la rentrée est difficile.',
    'Muchos pacientes me cuentan que la Navidad es una época difícil.',
    'Je travaille avec des adultes à Montréal depuis 2010.',
    'Trabajo con adolescentes en Guadalajara desde 2015.',
]


@pytest.mark.parametrize("text", STORIES)
def test_a_story_about_one_person_is_reported(text):
    found = [f for f in scan_text(text, CTX) if f.quoted]
    assert found, text
    assert all(not f.acceptable for f in found)


@pytest.mark.parametrize("text", ORDINARY)
def test_ordinary_writing_is_not(text):
    assert scan_text(text, CTX) == []


@pytest.mark.parametrize("text,credential", [
    ("Mathieu Gagnon, T.S., reçoit les adultes et les couples.", "T.S."),
    ("Dana Whitfield, LCSW, sees adults in Asheville.", "LCSW"),
    ("Owen MacLeod, RSW, joins us on Tuesdays.", "RSW"),
])
def test_credentials_are_never_read_as_initials(text, credential):
    assert scan_text(text, CTX) == []


def test_a_confidential_ok_number_is_judged_again_without_it():
    text = "Jess Harlow is 34 and teaches third grade at Isaac Dickson Elementary."
    with_number = text + " Call her on 021 555 0193."
    ctx = Context.from_settings({"PRACTICE": {"country": "NZ"}})
    kept = [f for f in scan_text(with_number, ctx, accepted=["021 555 0193"]) if f.quoted]
    assert kept and all("021" not in q for f in kept for q in f.quoted)


@pytest.mark.parametrize("written,normal", [
    ("sarah dot jenkins1990 at gmail dot com", "sarah.jenkins1990@gmail.com"),
    ("sophie point lavoie88 arobase gmail point com", "sophie.lavoie88@gmail.com"),
    ("carmen punto ortega77 arroba gmail punto com", "carmen.ortega77@gmail.com"),
    ("jdoe [at] gmail [dot] com", "jdoe@gmail.com"),
])
def test_disguised_emails_are_read(written, normal):
    assert [e[3] for e in obfuscated.emails(f"Write to {written} today.")] == [normal]
    assert obfuscated.emails("Search by country at findahelpline.com.") == []


@pytest.mark.parametrize("written,digits", [
    ("oh seven seven double oh nine hundred four six one", "07700900461"),
    ("zéro six, douze, trente-quatre, cinquante-six, soixante-dix-huit", "0612345678"),
    ("tres tres, cinco cinco, cinco cero, nueve ocho, siete seis", "3355509876"),
    ("0 2 1 5 5 5 0 1 9 3", "0215550193"),
    ("six one three, five five five, oh one four two", "6135550142"),
])
def test_phone_numbers_in_words_or_spaced_digits_are_read(written, digits):
    assert [n[3] for n in obfuscated.numbers(f"Her number is {written}, ring after six.")] \
        == [digits]
    assert obfuscated.numbers("In 2023, 1,234,567 adults were surveyed at one or two sites.") \
        == []
