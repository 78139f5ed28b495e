"""Health facts tied to a person (MEDICAL) through the real scanner: a lexicon term of the six
languages with a person near it is found and redacted; a general health question stays clean.

Examples written for each class (none from the corpora).
"""

from __future__ import annotations

import pytest

from routing_mcp import pii_medical_phrases
from routing_mcp.pii import PiiScanner
from tests.routing.pii_corpus import strings_of

RULES_ONLY = True  # the scanner fixture: what the rules alone find (conftest.py)


@pytest.mark.parametrize(
    ("prompt", "fact"),
    [
        ("remind me to refill my wife's insulin on Friday", "insulin"),
        # round 6: terms the lists lacked, in the six languages
        ("my husband's PSA doubled this year, what questions should he ask?", "PSA"),
        ("seit Wochen habe ich Übelkeit und Schwindelanfälle, welcher Arzt?", "Übelkeit"),
        ("ma fille a des vertiges le matin, je m'inquiète", "vertiges"),
        ("mi madre tiene fibromialgia y duerme mal", "fibromialgia"),
        # round 7: German without "ich"
        ("Habe seit dem Frühjahr Asthma, hilft ein Luftreiniger?", "Asthma"),
        # round 8: first-person verbs without the pronoun
        ("estoy con lumbalgia desde el lunes, ¿puedo nadar?", "lumbalgia"),
        ("sono in cura per l'ipertensione, posso bere caffè?", "ipertensione"),
        (
            "my daughter was diagnosed with type 2 diabetes last spring",
            "diagnosed with type 2 diabetes",
        ),
        ("He is on warfarin, can he drink grapefruit juice?", "warfarin"),
        ("Draft a note: Kofi Mensah cannot attend, he has shingles", "shingles"),
        (
            "she's allergic to shellfish and sesame, plan the menu",
            "allergic to shellfish and sesame",
        ),
        ("Write to the school: our son has a nut allergy", "nut allergy"),
        ("mein Sohn hat Asthma, welche Luftreiniger helfen?", "Asthma"),
        # round 23 guard: a given name before the term, the term what the person has
        ("wie sage ich den Kindern, dass Tante Gisela Parkinson hat?", "Parkinson"),
        ("Meine Mutter nimmt Blutverdünner und hatte einen Schlaganfall", "Blutverdünner"),
        ("ma mère a la maladie d'Alzheimer, quel pilulier connecté ?", "maladie d'Alzheimer"),
        ("mi padre tiene párkinson, ¿qué mando a distancia es fácil?", "párkinson"),
        ("mia sorella è celiaca, cosa cucino?", "celiaca"),
        ("mijn vader heeft de ziekte van Parkinson", "ziekte van Parkinson"),
        ("| name | condition |\n| Ines Duarte | epilepsy |", "epilepsy"),
        ("a 67-year-old with COPD needs a simple thermostat", "COPD"),
        # round 24: an English plural of a term
        ("my dad has had two pacemakers fitted since 2019", "pacemakers"),
        ("my son forgot both his inhalers at his gran's", "inhalers"),
        # round 27: a condition's compound head
        (
            "Der Orthopäde sagt, ich habe ein Karpaltunnelsyndrom. Welche Maus hilft?",
            "Karpaltunnelsyndrom",
        ),
        # round 28: sports and overuse injuries in the six languages
        ("physio reckons I've got runner's knee from the hills", "runner's knee"),
        ("mi hanno diagnosticato una periostite tibiale, posso nuotare?", "periostite tibiale"),
        ("Mein Trainer meint, ich habe ein Läuferknie vom Bergablaufen", "Läuferknie"),
        # round 29: a collapsed lung, an animal's bite and its stitches
        ("I had a punctured lung after the crash in May, is flying ok?", "punctured lung"),
        ("mein Sohn hat einen Hundebiss am Arm, muss das genäht werden?", "Hundebiss"),
        (
            "12 points de suture pour ma fille après la chute, on peut aller à la piscine ?",
            "points de suture",
        ),
        # round 30: a disc operation's compound, gout, a contraceptive coil
        ("Nach der Bandscheiben-OP darf ich nichts heben, sagt mein Arzt", "Bandscheiben-OP"),
        ("ich habe Gicht im großen Zeh", "Gicht"),
        ("I had an IUD fitted last week, cramps normal?", "IUD"),
        # round 31: a pregnancy's complication and its drug, a farm worker's lung disease
        ("My partner has hyperemesis and the GP offered cyclizine, is it safe?", "cyclizine"),
        (
            "I was diagnosed with farmer's lung in spring, which mask?",
            "diagnosed with farmer's lung",
        ),
        # round 32: glaucoma in German's inflected form, tinnitus in French
        ("Seit dem Frühjahr habe ich grünen Star, welche Einstellungen helfen?", "grünen Star"),
        ("mon père a des acouphènes depuis l'été, quel réveil choisir ?", "acouphènes"),
        # round 33: a disc herniation, a tetanus booster
        ("my MRI says I have a disc herniation at L5, can I still cycle?", "disc herniation"),
        ("I had my tetanus booster in 2015, is it due again?", "tetanus booster"),
        # a lower-case "i" is the pronoun too, apostrophe attached: "i'm", "i've"
        ("i'm on sertraline and cant sleep, is that normal", "sertraline"),
        ("i've had asthma since school, which air purifier", "asthma"),
        ("i started metformin last week and feel sick", "metformin"),
        # clinical shorthand in a note about a patient
        ("summarise: 'Pt: 61M. Hx T2DM, HTN, CKD stage 3. Referred for CBT.'", "T2DM"),
        ("summarise: 'Pt: 44F, referred for CBT by her GP.'", "CBT"),
        ("we start IVF in March, my wife is nervous", "IVF"),
        # a clinician's verdict is about someone
        ("Sunny coughs at night and the doctor said it's probably asthma", "asthma"),
        # round 15: German compounds of a depression or of a faculty's disorder, a heart murmur
        # in French, a thrombosis's abbreviation
        ("mein Bruder hat eine Altersdepression, sagt der Arzt", "Altersdepression"),
        ("meine Mutter hat nach dem Schlaganfall Wortfindungsstörungen", "Wortfindungsstörungen"),
        ("le médecin a entendu un souffle au cœur chez mon fils", "souffle au cœur"),
        ("my dad's discharge letter says DVT, left calf", "DVT"),
        ("I found a lump in my breast last night, the GP can see me Friday", "lump in my breast"),
        # round 34: an operation, a malformation and an inflammation by their clinical suffix,
        # whatever the lexicon lists; frostbite; a brace on the teeth
        ("my husband is booked for a cholecystectomy on Monday", "cholecystectomy"),
        ("meine Tochter hat eine Hüftdysplasie, darf sie reiten?", "Hüftdysplasie"),
        ("mi padre tiene una miocardiopatía desde hace años", "miocardiopatía"),
        ("my son has frostbite on two fingers after the ski trip", "frostbite"),
        ("ma fille a des gelures aux pieds depuis la randonnée", "gelures"),
        ("Mein Sohn bekommt nächste Woche eine Zahnspange, was kostet das?", "Zahnspange"),
        # round 35: an intolerance as an adjective, weight-loss surgery, dialysis in a German
        # compound, a birth just given, an eye condition, bedwetting
        ("I'm lactose intolerant, which cheeses are fine?", "lactose intolerant"),
        ("my wife had a gastric sleeve last year, portion sizes?", "gastric sleeve"),
        ("mein Vater ist seit Mai Dialysepatient", "Dialysepatient"),
        ("ma sœur a accouché hier soir, quel cadeau ?", "accouché"),
        ("the optician says my daughter has astigmatism", "astigmatism"),
        ("my son still wets the bed, is bedwetting at 7 normal for him?", "bedwetting"),
        # round 36: mental health, German plurals of a lexicon noun, Raynaud's, a cast, an
        # appendix out, EMDR
        (
            "my flatmate says her seasonal affective disorder is worse in November",
            "seasonal affective disorder",
        ),
        ("ich habe seit Wochen Schlafstörungen, was hilft?", "Schlafstörungen"),
        ("my sister's Raynaud's is bad in winter, heated gloves?", "Raynaud's"),
        ("mein Sohn hat einen Gipsarm, wie duscht er?", "Gipsarm"),
        ("I had my appendix out last week, can I lift boxes?", "had my appendix out"),
        ("my therapist suggested EMDR for me, is it legit?", "EMDR"),
        # round 37: the writer's own right before a term, whatever animal the sentence names;
        # acronyms of conditions; dialysis with its prefix; reflux; colour blindness; Spanish
        # "me lo recetaron"
        ("i have ibs and the dog's walks at 6am make it worse", "ibs"),
        ("I've got POTS, is a standing desk a bad idea?", "POTS"),
        ("meal ideas for my grandad on haemodialysis", "haemodialysis"),
        ("le daltonisme de ma fille la gêne pour les cartes", "daltonisme"),
        ("j'ai un reflux depuis des mois, quel oreiller ?", "reflux"),
        ("Me lo recetaron para la ansiedad, ¿puedo tomar café?", "ansiedad"),
        # round 39 (session 19): hepatitis by its short name, a hole in the heart, the months
        # after a birth ("im" and a number of months), early labour, a grandparent beside the
        # dog, a birth's tear, freezing eggs
        ("I've had hep B since I was a kid, can I give blood?", "hep B"),
        ("my cardiologist found a PFO, should I stop diving?", "PFO"),
        ("im 3 months postpartum, is it ok to start running", "postpartum"),
        ("Meine Schwester liegt wegen vorzeitiger Wehen im Krankenhaus", "vorzeitiger Wehen"),
        (
            "Urlaub mit Hund und Opa, der einen Herzschrittmacher hat: was beachten?",
            "Herzschrittmacher",
        ),
        ("after the birth I had a third-degree tear, when can I cycle?", "third-degree tear"),
        (
            "ma sœur hésite pour la congélation d'ovocytes, tu en penses quoi ?",
            "congélation d'ovocytes",
        ),
        # round 40: histamine intolerance, thyroid cancer's iodine, ulcerative colitis in
        # French, irritable bowel in Dutch, a broken long bone, early labour, top surgery,
        # multiple sclerosis by its letters, "im" before an adjective, German "hab" in lower
        # case at the start, a gallbladder's op as one German word
        ("my daughter has histamine intolerance, what snacks are safe?", "histamine intolerance"),
        (
            "mum starts radioactive iodine next week, can she hug the grandkids?",
            "radioactive iodine",
        ),
        ("mon père a une rectocolite hémorragique, quel régime ?", "rectocolite hémorragique"),
        (
            "mijn vriend heeft prikkelbare darm syndroom, wat kan hij eten?",
            "prikkelbare darm syndroom",
        ),
        ("he's off the team with a broken tibia until May", "broken tibia"),
        ("my sister went into premature labour last night", "premature labour"),
        ("I'm saving up for top surgery next year", "top surgery"),
        ("my uncle has MS and uses a wheelchair now", "MS"),
        ("blood test came back and im anaemic again", "anaemic"),
        ("hab histaminintoleranz, was kann ich frühstücken", "histaminintoleranz"),
        ("Nach Papas Gallenblasen-OP darf er kein Fett essen", "Gallenblasen-OP"),
        # round 41: teeth, eyes and ears; a machine in capitals; multiple sclerosis after
        # German "hab"; a question, then whose it is in the next sentence
        ("my dentist says I have gum disease, is it reversible?", "gum disease"),
        ("she has a dry socket after the extraction, how long will it hurt?", "dry socket"),
        ("Mon fils a une hyperacousie, quel casque acheter ?", "hyperacousie"),
        (
            "mein Vater hat eine Innenohrschwerhörigkeit, welches Telefon?",
            "Innenohrschwerhörigkeit",
        ),
        ("my gran won't wear her CPAP at night", "CPAP"),
        ("Ich hab MS und arbeite meistens von zu Hause", "MS"),
        ("How long does LASIK take to heal? mine was on Monday", "LASIK"),
        ("Which foods clash with warfarin? my husband takes it daily", "warfarin"),
        ("Wie lange hält ein Implantat? Bei mir wackelt es schon", "Implantat"),
        # round 42: multiple sclerosis before what only the illness has, a dislocation, burns
        # by degree, fainting by its cause, a fear of needles, bedridden, a diabetic's hypo
        ("since his MS diagnosis he can't climb the stairs", "MS"),
        ("I'm off work after my knee dislocation, what can I claim?", "knee dislocation"),
        ("mon fils a une brûlure au deuxième degré au bras", "brûlure au deuxième degré"),
        ("my GP thinks it's vasovagal, I faint when I stand up fast", "vasovagal"),
        ("my daughter has needle phobia, how do we get through the blood test?", "needle phobia"),
        ("ma grand-mère est alitée depuis sa chute", "alitée"),
        ("if my son has a hypo at school, what should the teacher do?", "hypo"),
        # round 44: medicines the lexicon lacked, a French spelling of one it has, a German
        # plural in -e, a lower-case "i" before "keep", a group's health with the writer's
        # next, IVF and malaria in French, teeth grinding in German
        ("my cardiologist just put me on sotalol, can I still drink coffee?", "sotalol"),
        ("ma mère prend de la gabapentine depuis son opération", "gabapentine"),
        ("die Zahnimplantate meiner Mutter wackeln, was tun?", "Zahnimplantate"),
        (
            "i keep forgetting to take the levothyroxine before breakfast, any reminder idea?",
            "levothyroxine",
        ),
        ("do people with psoriasis react to chlorine? asking for myself", "psoriasis"),
        ("nous avons fait deux FIV, ma femme est épuisée", "FIV"),
        ("mon fils a attrapé le paludisme au Cameroun", "paludisme"),
        ("ich habe Bruxismus und brauche eine Schiene", "Bruxismus"),
        # round 55: a specialist someone is seen by, a spine operation, a heart defect from birth,
        # a premature birth, sight loss, the first two words of ALS in French; a medicine said
        # of the writer by a comparison
        (
            "my neurologist moved the follow-up to March, add it to the family calendar",
            "neurologist",
        ),
        ("Opa hat einen angeborenen Herzfehler, darf er in die Sauna?", "Herzfehler"),
        ("my sister had a spinal fusion in May, which office chair?", "spinal fusion"),
        ("notre fille est née prématurée, quel babyphone choisir ?", "née prématurée"),
        ("since my sight loss the tablet text is too small, which settings?", "sight loss"),
        ("son frère a une sclérose latérale, il parle avec une tablette", "sclérose latérale"),
        ("is a hot bath ok when you take metformin like me?", "metformin"),
        # round 75: Parkinson's drugs, devices and symptoms, the gynaecology clinic's tests,
        # dyslexia in Spanish, ADHD in German lower case
        ("my grandad's on safinamide now, can he still have cheese?", "safinamide"),
        ("Oma bekommt nächsten Monat eine tiefe Hirnstimulation", "tiefe Hirnstimulation"),
        ("my aunt has bradykinesia and can't do buttons, which smart lock?", "bradykinesia"),
        ("je passe une hystérosalpingographie lundi, ça fait mal ?", "hystérosalpingographie"),
        ("mi sobrina tiene dislexia, ¿qué fuente uso?", "dislexia"),
        ("mein sohn hat adhs und vergisst alles, welche erinnerungs-app?", "adhs"),
        # round 74: the prostate's and the bladder's words, an anti-androgen by its stem, a
        # French adjective of anaemia, a lactose intolerance in French, a hormone injection
        (
            "my father-in-law has an enlarged prostate, which smart night light?",
            "enlarged prostate",
        ),
        ("Opa hat Nykturie und steht nachts dreimal auf, welcher Bewegungsmelder?", "Nykturie"),
        (
            "mon mari a une hypertrophie bénigne de la prostate, il dort mal",
            "hypertrophie bénigne de la prostate",
        ),
        ("my uncle started enzalutamide last month, is he allowed to fly?", "enzalutamide"),
        ("mon fils est anémique depuis l'hiver, quels menus ?", "anémique"),
        (
            "mi hija tiene intolerancia a la lactosa, ¿qué yogures compro?",
            "tiene intolerancia a la lactosa",
        ),
        ("he's had his TURP and the catheter is out, when can he drive?", "TURP"),
        # round 73: diseases by their Greek and Latin endings (a low count, an enlarged organ,
        # -osis and -iasis, a blood level, a needle into a cavity), the liver's, the lungs' and
        # the bones' words, a lower-case eponym
        ("my uncle was told he has neutropenia after chemo, can he visit the baby?", "neutropenia"),
        ("Opa hat eine Splenomegalie, darf er Fahrrad fahren?", "Splenomegalie"),
        ("ma sœur a une endométriose, quel coussin chauffant ?", "endométriose"),
        ("my dad's nephrolithiasis is back, which water filter?", "nephrolithiasis"),
        ("mi hijo tiene hipoglucemia por las noches, ¿qué sensor?", "hipoglucemia"),
        ("her thoracentesis is on Tuesday, add it to the calendar", "thoracentesis"),
        ("Papa hat eine Fettleber, wie viel Kaffee ist okay?", "Fettleber"),
        ("my husband has MASLD and wants a low-sugar meal plan", "MASLD"),
        ("grandma's jaundice came back, should I call the hepatologist?", "jaundice"),
        ("mon père est sous oxygène la nuit, quel humidificateur ?", "sous oxygène"),
        ("I'm on Trelegy now, can I still use my old spacer?", "Trelegy"),
        ("meine Tante macht nächste Woche eine Knochendichtemessung", "Knochendichtemessung"),
        ("my mum's on alendronic acid, does it clash with her calcium?", "alendronic acid"),
        ("I have gilbert syndrome, does fasting matter before a blood test?", "gilbert syndrome"),
        # round 72: a kidney stone's treatment, high potassium in German, a heart block, a loop
        # recorder, the inner ear's vertigo and its manoeuvre, an acoustic neuroma
        ("my brother had lithotripsy on Monday, is blood in his pee normal?", "lithotripsy"),
        ("Oma hat Hyperkaliämie, darf sie noch Bananen essen?", "Hyperkaliämie"),
        (
            "Grandad has complete heart block and they're fitting a pacemaker Friday",
            "complete heart block",
        ),
        (
            "they gave me a loop recorder last week, can I go through airport security?",
            "loop recorder",
        ),
        ("the Epley manoeuvre helped my wife's BPPV for a week, then it came back", "BPPV"),
        ("Meine Mutter hat ein Akustikusneurinom, was bedeutet das?", "Akustikusneurinom"),
        # round 71: vitiligo in French, a potent steroid cream, cystic acne, a child's fracture by
        # its kind, a children's painkiller by brand, CBT for insomnia, a given name's
        # possessive right before a term
        ("ma fille a du vitiligo sur les mains, quelle crème solaire ?", "vitiligo"),
        (
            "the GP gave me Dermovate for the rash on my shins, how thin do I spread it?",
            "Dermovate",
        ),
        ("my son's torus fracture cast comes off Friday, can he swim Saturday?", "torus fracture"),
        ("can my 3yo have Calpol after the jab? she's grizzly", "Calpol"),
        ("I start CBT-I next week, do I need a sleep diary already?", "CBT-I"),
        ("Does chlorine make Hazel's eczema flare, or is it the towels?", "eczema"),
        # round 70: headaches by their kinds, a migraine drug by its brand, the gut's tests and
        # conditions, a brain tumour by its kind, a tonsil operation, an irritable colon in
        # Italian
        ("my husband gets rebound headaches when he stops the painkillers", "rebound headaches"),
        ("can I claim Emgality on my health plan? mine is monthly", "Emgality"),
        ("mum's flexi-sig is on Friday, what should she eat the day before?", "flexi-sig"),
        (
            "Grandpa was told it's diverticular disease, can he still eat popcorn",
            "diverticular disease",
        ),
        ("my brother's meningioma is benign but they want to scan yearly", "meningioma"),
        ("the consent form for my son's pillcam asks for his weight", "pillcam"),
        ("mia sorella ha il colon irritabile, che cosa le cucino?", "colon irritabile"),
        ("Meine Tochter nimmt Rifaximin, darf sie dazu Milch trinken?", "Rifaximin"),
        ("what helps with tension headaches? mine start behind the eyes", "tension headaches"),
        # round 69: the hip's operations by their kinds, the eye's conditions and operations,
        # macular degeneration as German says it, an inhaler by its name, a haemorrhage after
        # birth by its letters, someone's new joint
        ("my aunt is having hip resurfacing in May, how long off the bike?", "hip resurfacing"),
        ("meine Mutter hatte eine Katarakt-OP, darf sie Auto fahren?", "Katarakt-OP"),
        ("my father uses latanoprost every evening, make an HA reminder", "latanoprost"),
        ("Opa hat Makula und kann die Untertitel kaum lesen, größer stellen?", "Makula"),
        ("my son's Flovent is empty and the pharmacy is shut, what now?", "Flovent"),
        ("the midwife said my wife had a PPH, she's still pale, is that normal?", "PPH"),
        ("write a card: so glad Grandad's new knee is working, see you at bowls!", "new knee"),
        # round 68: the spine and the back, ankylosing spondylitis and scoliosis in the other
        # languages, an MRI by its letters, a birth induced, a booster of a term hyphenated in
        # German, a tuberculosis test
        (
            "my husband has degenerative disc disease, which office chair?",
            "degenerative disc disease",
        ),
        ("mum's got a trapped nerve in her shoulder, remind her about physio", "trapped nerve"),
        ("meine Tochter hat Skoliose, welcher Schulranzen ist gut?", "Skoliose"),
        (
            "mon père a une spondylarthrite ankylosante, quel matelas ?",
            "spondylarthrite ankylosante",
        ),
        ("my son needs an MRI on Thursday, can he eat before it?", "MRI"),
        ("she's being induced tomorrow, what should I pack for her?", "being induced"),
        (
            "mein Sohn braucht eine Hepatitis-A-Auffrischung, wie lange hält die?",
            "Hepatitis-A-Auffrischung",
        ),
        ("my daughter's Mantoux test is on Friday, can she swim after?", "Mantoux test"),
        ("since my lumbar fusion, sitting hurts; remind me to stand up hourly", "lumbar fusion"),
        # round 67: epilepsy's syndromes and drugs by name and brand, a nerve stimulator, a
        # brain-wave test, a seizure in German; a term's app or alert someone owns; hearing
        # aids by their short name in a text about hearing
        ("my nephew has Dravet syndrome, is the trampoline park ok?", "Dravet syndrome"),
        ("my daughter's on Epidyolex now, can she have grapefruit juice?", "Epidyolex"),
        ("meine Tochter bekommt Ergenyl, darf sie beim Schwimmkurs mitmachen?", "Ergenyl"),
        ("my husband had his EEG on Monday, how long do results take?", "EEG"),
        ("mein Mann hatte heute Nacht einen Anfall, sollen wir zum Arzt?", "Anfall"),
        (
            "my brother's vagus nerve stimulator beeps at airport gates, is that normal?",
            "vagus nerve stimulator",
        ),
        ("why does Grandma's hearing aid app crash on the tablet?", "hearing aid"),
        ("she can't hear the doorbell without her aids, any flashing doorbell for HA?", "aids"),
        # round 66: a needlestick injury and a test of a term hyphenated in German, a tetanus
        # vaccine in French, a Dutch inflammation by its compound head, a benign lump, a sinus
        # lift, a fertility clinic
        (
            "meine Frau hatte eine Nadelstichverletzung, jetzt HIV-Testung, was heißt das?",
            "HIV-Testung",
        ),
        (
            "mon fils a eu un vaccin contre le tétanos hier, il peut nager ?",
            "vaccin contre le tétanos",
        ),
        ("mijn vader heeft een slijmbeursontsteking, welke stoel?", "slijmbeursontsteking"),
        ("my sister's lump is a fibroadenoma, should she still go to the gym?", "fibroadenoma"),
        ("my dentist says I need a sinus lift before the implant, how painful?", "sinus lift"),
        (
            "my wife is at the fertility clinic all morning, pick up the kids for me?",
            "fertility clinic",
        ),
        # round 65: an RSV antibody, decompression sickness, low-dose naltrexone, nicotine
        # replacement, a granuloma, a tetanus booster by its letters, a tooth taken out
        ("our baby gets Beyfortus next week, can she go to nursery after?", "Beyfortus"),
        (
            "my husband had decompression sickness in Egypt, can he fly home?",
            "decompression sickness",
        ),
        ("remind my wife to take her LDN at 9pm", "LDN"),
        ("I'm on nicotine patches since Monday, can I still vape?", "nicotine patches"),
        ("mon fils a eu son rappel DTP hier, il a de la fièvre", "DTP"),
        ("my son had a tooth pulled this morning, can he eat ice cream?", "had a tooth pulled"),
        # round 64: bleeding disorders, glandular fever in French and Italian, a runner's
        # conditions and scans, German bruises and strains, Dutch emphysema, a cold's symptoms,
        # an injury whose owner the phrase says, diabetes types said of "we"
        ("my son has von Willebrand disease, is a nosebleed an emergency?", "Willebrand disease"),
        ("mi figlia ha la mononucleosi, può tornare a scuola?", "mononucleosi"),
        ("mein Mann hat eine Rippenprellung vom Radfahren, Schlafposition?", "Rippenprellung"),
        ("oma heeft emfyseem, welke luchtreiniger?", "emfyseem"),
        ("I've had a sore throat for a week, honey or lozenges?", "sore throat"),
        ("my wife has exercise-induced asthma, which inhaler spacer?", "exercise-induced asthma"),
        ("she tweaked her knee at netball, ice it tonight?", "tweaked her knee"),
        ("my dad and I are diabetic, we're both type 1, pumps or pens?", "we're both type 1"),
        # round 63: cancer drugs by their stems and regimens, low white cells, a central line
        # and a port, an occupational cancer, hearing impairment, a jaw disorder, a vaccine
        # someone had, a contraceptive implant, FASD, breastfeeding, a sick note, a
        # hyphenated compound of a term and who has it, a strain's German compound head
        ("my mother starts docetaxel next week, what should she eat?", "docetaxel"),
        ("dad's on carboplatin and his fingers tingle, which gloves for him?", "carboplatin"),
        ("my sister's oncologist moved her to FOLFOX, can she still fly?", "FOLFOX"),
        ("my husband is neutropenic again, can he go to the pub quiz?", "neutropenic"),
        ("my wife has a PICC line now, how does she shower with it?", "PICC line"),
        ("mon père a une chambre implantable, peut-il nager ?", "chambre implantable"),
        (
            "my uncle has mesothelioma from the docks, who do we ask about compensation?",
            "mesothelioma",
        ),
        ("meine Tochter ist hörgeschädigt, welche Türklingel blinkt?", "hörgeschädigt"),
        ("my brother has TMJ and can't chew steak, soft recipes please", "TMJ"),
        ("my son had his second MMR at the surgery today, is a fever normal?", "MMR"),
        ("my daughter had her first HPV jab today, is a sore arm normal?", "HPV"),
        (
            "my partner had the contraceptive implant fitted yesterday, bruise ok?",
            "contraceptive implant",
        ),
        ("our foster son has FASD, how do we explain the house rules?", "FASD"),
        ("I'm breastfeeding, can I still drink decaf?", "breastfeeding"),
        ("j'ai un arrêt maladie jusqu'à vendredi, je préviens le club ?", "arrêt maladie"),
        ("Ich bin Diabetes-Patient und suche eine App für Broteinheiten", "Diabetes-Patient"),
        ("ich habe mir eine Oberschenkelzerrung geholt, Eis oder Wärme?", "Oberschenkelzerrung"),
        # round 62: a stroke as the time of something, someone on oxygen or on the pill,
        # myeloma, a stroke's after-effects, fertility diagnoses, miscarriages in German
        ("my aunt hasn't driven since the stroke, can she sell the car?", "stroke"),
        ("grandad is on oxygen most of the day, which smoke alarm is safe?", "on oxygen"),
        ("my daughter came off the pill last month, is spotting normal?", "off the pill"),
        (
            "my father's multiple myeloma needs monthly infusions, calendar please",
            "multiple myeloma",
        ),
        ("meine Mutter hat eine Schluckstörung, welche Rezepte gehen?", "Schluckstörung"),
        ("my wife had two fausses couches and now an ICSI cycle, any tips?", "ICSI"),
        ("nach zwei Fehlgeburten hat meine Frau Angst, was sagen?", "Fehlgeburten"),
        # round 61: a transplant's medicine and clinic, an allergy's nettle rash, menopause's
        # symptoms and medicines, alcohol dependence and carpal tunnel in other languages
        ("my brother got thymoglobulin for the rejection, is he contagious?", "thymoglobulin"),
        ("book the train for Dad's transplant clinic on Tuesday", "transplant clinic"),
        ("she came out in hives after the new antibiotic, what now?", "came out in hives"),
        ("I'm on Evorel patches but the night sweats are back", "night sweats"),
        ("mein Vater hat seit der Nierentransplantation Gicht", "Nierentransplantation"),
        (
            "ma mère a des bouffées de chaleur la nuit, un ventilateur silencieux ?",
            "bouffées de chaleur",
        ),
        ("mio padre soffre di alcolismo, come ne parlo con lui?", "alcolismo"),
        ("mon frère a un syndrome du canal carpien, quel clavier ?", "syndrome du canal carpien"),
        ("my gums are receding since the menopause, is that normal for me?", "gums are receding"),
        # round 60: travel sickness, diarrhoea in German, fructose intolerance in Spanish, an
        # oxygen concentrator, a pregnancy by its weeks alone, stitches someone's got
        ("I get motion sickness on ferries, which seat is best?", "motion sickness"),
        ("ich hab seit dem urlaub durchfall, hausmittel?", "durchfall"),
        (
            "mi hija tiene intolerancia a la fructosa, ¿qué merienda?",
            "tiene intolerancia a la fructosa",
        ),
        ("keep dad's oxygen concentrator out of the 'all off' scene", "oxygen concentrator"),
        ("I'm 31 weeks and the bedroom is 25 degrees, too warm?", "31 weeks"),
        ("she's got stitches after the birth, what can I cook for her?", "stitches"),
        # round 59: a cold sore, an ingrown toenail, a chipped tooth, a German disc protrusion
        ("I've got a cold sore, can I still ice the cakes?", "cold sore"),
        ("my son has an ingrown toenail, can he ski on Saturday?", "ingrown toenail"),
        ("meine Tochter hat eine Bandscheibenprotrusion, welcher Stuhl?", "Bandscheibenprotrusion"),
        # round 58: German MS before its verb; a hearing impairment, iron tablets, a cannula, an
        # order not to resuscitate, a German hip replacement
        ("soll ich dem Chef sagen, dass ich MS habe?", "MS"),
        ("our son has a hearing impairment, which smoke alarm?", "hearing impairment"),
        ("mum takes ferrous sulphate at breakfast, remind her", "ferrous sulphate"),
        ("dad came home with the cannula still in his arm", "cannula"),
        ("there's a DNACPR on my gran's file, what does it mean?", "DNACPR"),
        ("meine Mutter hatte eine Hüft-TEP, welcher Duschsitz?", "Hüft-TEP"),
        # round 57: MS someone has, German ADD, Italian ALS; iron overload, Huntington's by its
        # other names, colic, harming oneself, a memory clinic, genetic counselling and its
        # genes, newborn screening, an elided term of two words, an in-law's or a grandparent's
        ("my sister's MS is worse in the heat, which fan can HA control?", "MS"),
        ("unser Sohn hat ADS, welcher Wecker hilft morgens?", "ADS"),
        ("meine Tochter hat ADS und hasst laute Räume, welche Kopfhörer?", "ADS"),
        ("mio zio ha la SLA, quale tablet per comunicare?", "SLA"),
        ("mum's haemochromatosis means weekly venesection, calendar please", "haemochromatosis"),
        (
            "ma tante a la maladie de Huntington, aide-moi à écrire à mon cousin",
            "maladie de Huntington",
        ),
        ("our baby has colic every evening, which white noise?", "colic"),
        ("my son told me he's self harming, what do I say?", "self harming"),
        ("dad's memory clinic appointment is Tuesday, set a reminder", "memory clinic"),
        ("I carry the BRCA1 mutation, should I tell my sister?", "BRCA1"),
        ("notre fille a eu le dépistage néonatal hier, résultat quand ?", "dépistage néonatal"),
        (
            "mon père souffre d'insuffisance respiratoire, quel purificateur ?",
            "insuffisance respiratoire",
        ),
        ("Schwiegermutter hat Diabetes, welche Waage mit App?", "Diabetes"),
        # round 56: germs, an antibiotic by its hyphenated name, colour blindness in one word,
        # a German "bin seit" in lower case
        ("my son has salmonella from the barbecue, can he go to school?", "salmonella"),
        ("the GP put me on co-amoxiclav for the bite, can I drink?", "co-amoxiclav"),
        ("our grandson is colorblind, which board games work?", "colorblind"),
        ("bin seit märz auf ramipril. sauna ok?", "ramipril"),
        # round 54: a lump in a breast, a heart rhythm, a fat disorder, knee pain by its name, a
        # sleep study
        ("my mum's breast lump was benign, how do I thank the nurse?", "breast lump"),
        ("Dad's atrial flutter scared us, what should he avoid now?", "atrial flutter"),
        ("Bei mir wurde ein Lipödem festgestellt, was nun?", "Lipödem"),
        ("my daughter has patellofemoral pain, which running shoes?", "patellofemoral"),
        ("I had a sleep study last week, how long until results?", "sleep study"),
        # round 53: emergency contraception, bleeding between periods, the pill in French, a
        # grandparent's appointment in a specialty
        ("die Pille danach hat bei meiner Freundin Übelkeit gemacht", "Pille danach"),
        ("ich habe seit zwei Monaten Zwischenblutungen", "Zwischenblutungen"),
        ("ma fille prend la pilule depuis un an", "pilule"),
        ("Granny's oncology appointment moved to Friday, update the calendar", "oncology"),
        # round 52: the German adjective of dementia, someone's memory failing, colour blindness
        # in French, someone claustrophobic, incontinence in Dutch, someone's operation as a
        # time, an abortion by its French acronym
        ("Oma ist seit letztem Jahr dement, wer hilft bei der Steuererklärung?", "dement"),
        ("my grandad's memory loss is worse: his memory lapses scare me", "memory lapses"),
        ("notre fille est daltonienne, quels métiers éviter ?", "daltonienne"),
        ("before the scan she told the nurse she's claustrophobic", "claustrophobic"),
        ("mijn vader heeft incontinentie sinds vorig jaar", "incontinentie"),
        ("can my dad drive two weeks after his operation?", "operation"),
        ("ma sœur a eu une IVG le mois dernier, comment la soutenir ?", "IVG"),
        # round 51: a bruised or broken bone as an adjective says, a broken bone in Spanish
        # and French in the first person, the type of someone's diabetes alone, an insulin
        # pump's brand, an incision, fear of heights, what a treatment caused
        ("dad has a cracked rib after the ladder slipped, how long?", "cracked rib"),
        ("me torcí la muñeca jugando al pádel, ¿hielo o calor?", "me torcí la muñeca"),
        ("je me suis fracturé la cheville au ski, quelle attelle ?", "fracturé la cheville"),
        ("my daughter is type 1 and her school trip is next week", "daughter is type 1"),
        ("his Dexcom keeps losing signal at night", "Dexcom"),
        ("meine Mutter hatte eine Tracheotomie, wie spricht sie jetzt?", "Tracheotomie"),
        ("ich habe schlimme Höhenangst, Kletterpark trotzdem?", "Höhenangst"),
        ("the school counts my son's chemo-related absences", "chemo-related"),
        # round 50: a drinking problem in German, a tick bite's rash
        ("mein Bruder hat Alkoholprobleme seit der Scheidung", "Alkoholprobleme"),
        ("there's a bullseye rash on my leg since the hike", "bullseye rash"),
        # round 49: an eye condition, a shoulder's cuff as a diagnosis
        ("unsere Tochter hat Nystagmus, welche Schriftgröße für Arbeitsblätter?", "Nystagmus"),
        ("my physio for the rotator cuff is on Thursdays, add it to my calendar", "rotator cuff"),
        # round 48: a stroke with its size, a dependency, a colonoscopy in German, a term at
        # the end of a quote
        ("Übersetz bitte 'I had a minor stroke in May' für meinen Arzt", "a minor stroke"),
        (
            "he's been in recovery from drug addiction since 2019, can he volunteer?",
            "drug addiction",
        ),
        ("mein Vater hat morgen eine Koloskopie, was darf er essen?", "Koloskopie"),
        ("put 'my wife has multiple sclerosis' into German please", "multiple sclerosis"),
        # round 47: a compound head after a hyphen, a term with an accent English lacks
        (
            "mein Bruder hat das Ehlers-Danlos-Syndrom, darf er Judo machen?",
            "Ehlers-Danlos-Syndrom",
        ),
        ("el médico le dio codeína a mi padre para la tos", "codeína"),
        # round 43: stammering by its verb in German and Italian
        ("Unser Sohn stottert, seit er in die Kita geht. Was können wir tun?", "stottert"),
        ("mia figlia balbetta quando è nervosa, è normale a sei anni?", "balbetta"),
    ],
)
def test_health_facts_of_a_person_are_found(scanner: PiiScanner, prompt: str, fact: str) -> None:
    assert fact in strings_of(scanner, prompt, "MEDICAL"), scanner.scan(prompt)


@pytest.mark.parametrize(
    "prompt",
    [
        "What are the early signs of dementia?",
        "Explain how insulin works in the body",
        "Write a blog post about living with type 2 diabetes",
        "Erkläre mir Asthma für einen Schulvortrag",
        "Quels sont les symptômes du diabète ?",
        "¿Qué es la esclerosis múltiple?",
        "Cos'è la celiachia e chi ha il rischio più alto?",
        "Wat zijn de symptomen van migraine?",
        "Summarise the 2023 guidelines on hypertension treatment",
        "Set the stroke width of my SVG icons to 2px",
        # round 68: a centre named for a term, a scanner asked about, an induced current
        "Why is the Joslin diabetes center in Boston so well known?",
        "How does an MRI scanner actually make images? explain for a 12 year old",
        "the induced current in my coil is too low, what's wrong with the circuit?",
        # round 67: a seizure app asked about, the verb "aids", a public figure's health
        "what's the most reliable seizure tracking app for Android?",
        "which setting aids deaf users most, captions or flashing alerts?",
        "Was Thomas Edison really deaf, or did he just not hear well? help him in a quiz",
        # round 67: a device's users as a group, a hospital's department
        "I'm building a dashboard for insulin pump users, which BLE library do you suggest?",
        "Cardiology Department, 3 Hospital Road, York YO31 8HE: my sign needs a bigger font",
        # round 34: an operation and a malformation asked about; nostalgia and a dichotomy
        "What is a cholecystectomy and how long is recovery usually?",
        "Is hip dysplasia in large dog breeds hereditary?",
        "my nostalgia for 90s games is real, suggest a retro playlist",
        "my mare has laminitis again, which hay is safest?",
        # round 37: the new acronyms and reflux asked about
        "What is POTS and what causes it?",
        "Can dogs get IBS from a change of food?",
        "is acid reflux common after big meals?",
        "What does a PSA test measure and when is it recommended?",
        "Explain why vertigo happens after a long boat trip",
        "Quali sono i sintomi tipici dell'asma negli adulti?",
        # round 39: "like I'm five" asks, it is not the writer; an app named after a condition;
        # German "im" and a month
        "explain endometriosis like I'm five",
        "Welche Schwangerschafts-App zeigt die Wochen gut an?",
        "Was ist im 3. Monat der Schwangerschaft normal?",
        # the French word for a boiler's flue terminal (and a suction cup)
        "Problème de ventouse sur ma chaudière, elle se met en sécurité",
        # round 40: a group, allergens, an office suite by its letters, German "im" and a noun
        "I'm writing a cookbook for people with coeliac disease, chapter ideas?",
        "my shop labels every cake with its allergens, is that a legal must?",
        "my old PC has MS Office 2010, can I still activate it?",
        "Was hilft im Wochenbett gegen Rückenschmerzen?",
        # round 41: a question with the writer in the next sentence, but not whose it is
        "How long does LASIK take to heal? I'm writing the FAQ for an eye clinic",
        "is gum disease linked to heart problems? I read it in a magazine",
        "I'm building a hearing test web app with the Web Audio API, how do I calibrate it?",
        # round 54: a study design asked about
        "how is a sleep study designed in psychology research?",
        # round 53: a specialty asked about
        "what does oncology study? for a careers talk",
        # round 52: a computer's memory, a room that feels small, a GP surgery's hours, an
        # operation of a script
        "my Proxmox host has memory problems since I added the third VM",
        "my attic office feels claustrophobic, which paint colour helps?",
        "after my surgery reopened, appointments are online only",
        "after the operation the script restarts the service, why?",
        # round 51: a chair's broken parts, a charger's type, a statistical error's type, a
        # cost's relation, a division in two
        "the chair has a broken back and a cracked leg, glue or replace?",
        "my EV charger is type 2, does the Zoe take that?",
        "explain type 1 and type 2 errors simply",
        "a cost-related question about the allotment fees",
        "la dicotomía entre trabajo y vida, ¿libro recomendado?",
        # round 50: the rash asked about
        "what does a bullseye rash usually mean? for a first aid course",
        # round 49: the cuff's exercises asked about
        "rotator cuff exercises for beginners, general advice please",
        # round 48: a colonoscopy asked about
        "Wie läuft eine Koloskopie ab? Für ein Referat",
        # round 47: a syndrome by its hyphen, asked about
        "Was ist das Marfan-Syndrom eigentlich genau? Für ein Referat",
        # round 42: an account by its two letters
        "my MS account is locked after the password reset, how do I get back in?",
        # round 44: a group's health asked about for a talk, a French word ending in -ine
        "do people with psoriasis react to chlorine? asking for a presentation",
        "ma routine du matin est trop longue, comment la raccourcir ?",
        # round 43: stammering as a topic; a stream's and a player's stutter
        "what is stuttering and when do children grow out of it?",
        "Ab welchem Alter sollte man bei Stottern zur Logopädie?",
        "mein Plex-Stream stottert seit dem Update, woran liegt das?",
        "my Jellyfin playback stutters on 4K files, why?",
        # round 73: the Greek and Latin endings are said of no one here, or name no disease
        "What is the difference between osteopenia and osteoporosis?",
        "How is hepatomegaly found on an ultrasound?",
        "la simbiosis entre hongos y árboles, explícamelo para mi clase",
        "la metamorfosis de la mariposa en cuatro pasos para mis alumnos",
        "mis hijos adolescentes no quieren apagar la consola, ¿qué regla pongo?",
        "les docentes de ma fille veulent une réunion, comment répondre ?",
        "our pond needs more oxygen in summer, which air pump?",
        # round 74: a specialist as anyone's, the subject of a question about them; the
        # writer's age after a general question about a school project
        "I'm building a booking form. Which fields would a urologist need from new patients?",
        "What does finasteride do? Im 16 and doing a biology poster",
        "what is lithotripsy, explain like I'm a nosy 9 year old",
        # round 75: a tremor of the earth, databases
        "an earth tremor shook our street last night, is my house insured for that?",
        "my app keeps two DBS open, is that why it's slow?",
    ],
)
def test_general_health_questions_stay_clean(scanner: PiiScanner, prompt: str) -> None:
    assert strings_of(scanner, prompt, "MEDICAL") == []


def test_a_health_fact_is_spanned_but_keeps_the_prompt_local(scanner: PiiScanner) -> None:
    """Redacted in full where a redaction is asked for (``scan_pii``), but read from words:
    redact mode keeps the request local instead of sending the text around the span."""
    prompt = "my husband has Crohn's disease, suggest dinner ideas"
    found = scanner.scan(prompt)
    assert scanner.keeps_local(found)
    assert "Crohn" not in scanner.redact(prompt, found)


@pytest.mark.parametrize(
    ("prompt", "fact"),
    [
        # medicines the lexicon names by their INN stem, in the languages' spellings
        ("my partner takes ramipril every morning, is grapefruit ok?", "ramipril"),
        ("mi madre toma losartán desde enero", "losartán"),
        ("mio padre prende atorvastatina la sera", "atorvastatina"),
        # a medicine the lexicon does not know, named beside its dose
        ("Unsere Tochter bekommt Zentrovil 20 mg, was sagen wir dem Hort?", "Zentrovil 20 mg"),
        ("my son is on 15 mg Dextravix, can he have cough syrup?", "15 mg Dextravix"),
        # a known one keeps its dose
        ("she takes 100mg sertraline at night", "100mg sertraline"),
        # operations and injuries of a body part, six languages
        ("my grandad is on the list for a knee replacement", "knee replacement"),
        ("Olu broke his ankle at football, write to his coach", "broke his ankle"),
        ("meine Frau hatte letzte Woche eine Schulter-OP", "Schulter-OP"),
        ("ma sœur va être opérée du genou en mars", "opérée du genou"),
        ("a mi tío lo operan de la cadera el lunes", "operan de la cadera"),
        ("mio figlio si è rotto il polso a calcio", "rotto il polso"),
        ("mijn dochter heeft haar pols gebroken", "pols gebroken"),
        # a test result, pregnancy weeks, a hospital stay, a positive test
        ("my HbA1c was 61 mmol/mol at the last check", "HbA1c was 61 mmol/mol"),
        ("I'm 14 weeks pregnant and starting a new job", "14 weeks pregnant"),
        ("my brother is in intensive care after the crash", "is in intensive care"),
        ("my flatmate tested positive for covid", "tested positive for covid"),
        # German compound heads and conditions with their modifiers
        ("Mein Sohn hat eine Katzenhaarallergie", "Katzenhaarallergie"),
        ("I have bipolar II and a new manager", "bipolar II"),
        # "about" with someone between is still a fact
        ("write to the coach about Tomasz's asthma before the match", "asthma"),
        ("I'm worried about his epilepsy on the school trip", "epilepsy"),
        # round 10: a first-person verb right before the fact, a sentence without its "I've"
        ("Sono incinta di 12 settimane, posso volare?", "incinta di 12 settimane"),
        ("Been on 50mg sertraline since spring, can I drink?", "50mg sertraline"),
        # round 11: HIV status, the French acronym of a stroke, hepatitis in Italian
        ("I'm HIV-positive, must I tell my dentist?", "HIV-positive"),
        ("mon père a eu un AVC mardi", "AVC"),
        ("ho scoperto di avere l'epatite C", "epatite"),
        # round 74: the writer's age right after a question about a drug
        (
            "does tamsulosin cause dizziness when standing up? I'm 71 and it's my second week",
            "tamsulosin",
        ),
        # round 73: bones someone cracked or chipped, and how many
        ("he fell off the ladder and cracked three ribs, how long off work?", "cracked three ribs"),
        ("my son chipped a tooth at football, is the dentist urgent?", "chipped a tooth"),
        # round 57: a joint someone had replaced
        ("grandad had his left hip replaced, which grab rails?", "had his left hip replaced"),
        # round 56: stitches someone needed
        (
            "my daughter needed four stitches after the trampoline, can she swim?",
            "needed four stitches",
        ),
        # round 55: someone's falls, a fall someone had, someone blind
        ("we want a fall sensor because of his falls at night", "falls"),
        ("grandma had a nasty fall on Sunday, which alarm button?", "had a nasty fall"),
        ("I'm blind, which smart speaker reads notifications best?", "blind"),
        # round 13: a medicine as Spanish and German spell it, panic attacks in Spanish
        ("la psiquiatra me ha recetado sertralina 50 mg", "sertralina 50 mg"),
        ("meine Frau nimmt seit Mai Sertralin", "Sertralin"),
        ("llevo meses con ataques de pánico", "ataques de pánico"),
    ],
)
def test_health_facts_as_phrases_and_doses(scanner: PiiScanner, prompt: str, fact: str) -> None:
    found = strings_of(scanner, prompt, "MEDICAL")
    assert any(fact in span for span in found), found


@pytest.mark.parametrize(
    "prompt",
    [
        "Can I take ibuprofen with paracetamol? In general, not for me",
        "hba1c 50 mmol/mol: what does that number mean for a diagnosis in general?",
        "¿Cuáles son los síntomas de la gripe y cómo se diagnostica?",
        "We had a stroke of luck with the migration last night",
        "I broke my build again, the linker cannot find the symbol",
        "the cancer research dataset I use has 300 columns",
        "we are in the ER diagram phase, which tool should I use",
        "Mein Kollege sagt, die Datenbankoperation dauert 10 Minuten",
        "my semicolon keeps vanishing in the editor",
        "My living room temperature is 21 degrees, automate the heater",
        "Mon onduleur affiche une tension de 230 V",
        # what a text is about, a population, a vaccine: no one's fact
        "I'm drafting a newsletter piece about cystic fibrosis, give me headings",
        "J'écris un exposé sur la maladie de Crohn, quel plan ?",
        "We build a reminder app for asthma patients, suggest features",
        "Where can I get a flu jab this weekend?",
        # round 10: a dose asked about, no one's
        "Is 20mg fluoxetine a high starting dose?",
        # round 12: an animal's health
        "my dog Luna keeps scratching, the vet says allergies",
        "Mein Hund Bruno hat Arthrose, der Tierarzt gibt Metacam",
        # round 55: a waterfall's falls, a price's fall, a blind spot, a specialist asked about,
        # a comparison with the writer that has no health term
        "my photos of the falls at Aysgarth are blurry, which shutter speed?",
        "the share price had a big fall after the results, should I sell?",
        "I'm blind spot checking my backups, which files matter?",
        "the jeans had three stitches loose after the wash, can I fix it?",
        # round 64: dough rolled someone's way, a bone scan's price in general
        "the dough is rolled my way, thin and crisp",
        "how much does a bone scan cost privately in the UK?",
        # round 63: a vaccine no one is said to have had, a function and a chain named like
        # regimens, a drug compared in general
        "is the HPV vaccine part of the school programme in Wales?",
        "What does the CHOP function do in PHP?",
        "the FEC chain in this schematic looks wrong to me",
        "Docetaxel versus paclitaxel: which causes more neuropathy in trials?",
        # round 62: a pen's or a swimmer's stroke, a tank low on oxygen, a pill organiser
        "after the stroke width change my SVG icons look thin, my son says",
        "my son says the aquarium is low on oxygen, which pump?",
        "put my mum's tablets on the pill organiser for the week",
        # round 61: a plant moved, bees' hives, a toilet's flushes, a transplant unit's
        # address, two variants of a medicine (no person named so)
        "when should I transplant the tomato seedlings with my daughter?",
        "the transplant centre's car park: is it free for visitors at King's College?",
        "Femoston Conti or Femoston 1/10: what is the difference between the two packs?",
        "my dad keeps four hives at the allotment, how much honey per hive?",
        "my toilet flushes twice every time, which valve is it?",
        # round 60: weeks into something, not a pregnancy
        "I'm 3 weeks into the course and still lost, any tips?",
        # round 57: MS as a product, SLA as a contract's, a colic as a horse's in general
        "log into my MS account and reset the password",
        "il fornitore ha la SLA di quattro ore, è poco?",
        "what causes colic in horses, in general?",
        "how does someone become a neurologist in Germany?",
        "can you write it like me, casual and short?",
        # round 23: the person a condition is named after, after a given name (not "dass Opa
        # Heinz Krebs hat": what he has)
        "Was hat Hans Asperger erforscht und wo hat er gelebt?",
    ],
)
def test_topics_figures_of_speech_and_homelab_text_stay_clean(
    scanner: PiiScanner, prompt: str
) -> None:
    assert strings_of(scanner, prompt, "MEDICAL") == []


@pytest.mark.parametrize(
    ("prompt", "fact"),
    [
        # round 76: a stoma in French, Italian and German, a hernia beside it
        ("ma mère vit avec une stomie depuis l'an dernier, quels vêtements ?", "stomie"),
        ("mio nonno ha una stomia, come si cambia la sacca?", "stomia"),
        ("Mein Vater hat seit März ein Kolostoma, was darf er essen?", "Kolostoma"),
        ("my brother has a parastomal hernia, can he still cycle?", "parastomal hernia"),
        # lithium by its brands, a manic phase, multiple sclerosis and ME by their drugs and
        # letters, chronic fatigue in Italian and Spanish
        ("my sister collects her Camcolit on Mondays, set a reminder", "Camcolit"),
        ("meine Frau nimmt Quilonum, darf sie Ibuprofen nehmen?", "Quilonum"),
        ("mi hermano está en una fase maníaca, ¿qué hago?", "fase maníaca"),
        ("my partner starts Kesimpta injections next week", "Kesimpta"),
        ("our son has ME and misses school most afternoons", "ME"),
        ("the MS infusion for my wife moved to Thursday, tell the school run", "MS"),
        ("mia zia ha la sindrome da fatica cronica da anni", "sindrome da fatica cronica"),
        (
            "mi madre tiene síndrome de fatiga crónica, ¿ayuda el yoga?",
            "síndrome de fatiga crónica",
        ),
        # a medicine as German spells it, before its dose's change
        ("seit der Sertralin-Erhöhung schläft meine Tochter schlecht", "Sertralin-Erhöhung"),
        # a German parent's genitive, without "mein"
        ("Tabelle für Opas Urostoma, wie oft den Beutel wechseln?", "Urostoma"),
        # round 77: HIV treatment and prevention by brand, INN stem and mixed-case acronym,
        # German's noun of a status, a circumcision, motor neurone disease's drug, a spine's rod,
        # Spanish "su" before a relative
        ("my cousin switched to Genvoya last spring, any food rules?", "Genvoya"),
        ("her brother is on rilpivirine and gets vivid dreams", "rilpivirine"),
        ("my flatmate started PrEP last month, set a refill reminder", "PrEP"),
        ("Ich bin als HIV-Positiver in Behandlung, welche Impfungen brauche ich?", "HIV-Positiver"),
        ("mon fils a eu sa circoncision mardi, combien de jours de repos ?", "circoncision"),
        ("my dad's riluzole makes him queasy in the mornings", "riluzole"),
        ("my aunt had a Harrington rod put in at 14, can she do yoga?", "Harrington rod"),
        ("su marido tuvo un infarto en marzo y ahora camina poco", "infarto"),
        # round 78: cystic fibrosis and Huntington's by their letters after who has them, a
        # gene's variant, chorea in French, tics, OCD's drug as German spells it
        ("my nephew has CF and needs enzymes with every snack", "CF"),
        ("my grandma got HD in her fifties, am I at risk?", "HD"),
        ("what does 'F508del heterozygous' mean on my son's carrier test", "F508del"),
        ("ma tante a une chorée depuis deux ans, ça se soigne ?", "chorée"),
        ("meine Tochter hat seit Ostern starke Tics, was hilft?", "Tics"),
        ("mein Mann nimmt Fluvoxamin, verträgt sich das mit Kaffee?", "Fluvoxamin"),
        # round 79: hypermobile EDS and mast cell activation by their letters (mixed case),
        # a joint put out in German and French, the CPAP as French says it after a possessive,
        # hemiplegia in French, an orthosis in Dutch, a bladder's channel, a speech computer,
        # hair loss, psoriasis's ointment, a relaxant
        ("our youngest got an hEDS diagnosis last week, what sports are safe?", "hEDS"),
        ("sa fille a un SEDh, elle peut continuer la danse ?", "SEDh"),
        ("mein Partner hat MCAS und verträgt kein Parfüm", "MCAS"),
        ("beim Handball hat sich mein Sohn den Daumen ausgekugelt", "den Daumen ausgekugelt"),
        ("ma fille s'est déboîté le genou au judo hier", "déboîté le genou"),
        ("mon père dort avec sa PPC depuis un an, le masque fuit", "sa PPC"),
        ("ma grand-mère a une hémiplégie droite depuis l'an dernier", "hémiplégie"),
        ("mijn dochter krijgt een nieuwe orthese voor haar rechterbeen", "orthese"),
        ("my nephew had a Mitrofanoff formed last year, can he swim?", "Mitrofanoff"),
        ("unser Sohn lernt mit seinem Sprachcomputer neue Wörter", "Sprachcomputer"),
        ("my wife has alopecia totalis and wants a wig voucher", "alopecia"),
        ("grandad's dithranol stains the bath, how do I clean it?", "dithranol"),
        (
            "my daughter takes baclofen three times a day, set reminders",
            "baclofen three times a day",
        ),
        # ... and with a person's card, e-mail or phone number in the text, a health term no
        # one else's is theirs
        ("settle the nebuliser hire with 4539 1488 0343 6467 or wait for the refund?", "nebuliser"),
        ("send the asthma action plan to h.okonkwo@posteo.de before Friday", "asthma"),
        # round 80: lymphoedema and lipoedema in German, American English and French, their
        # treatments, muscular dystrophy by its eponym and its steroid, a brain injury's words in
        # French and German, what it leaves; a national number identifying whose they are
        ("meine Schwester hat ein Lymphödem am linken Arm seit der OP", "Lymphödem"),
        ("my aunt's lymphedema flared after the long flight", "lymphedema"),
        ("ma tante a un lipœdème aux jambes depuis ses 20 ans", "lipœdème"),
        ("my son started deflazacort last month and gained weight", "deflazacort"),
        ("our nephew has Duchenne and just got his first powerchair", "Duchenne"),
        ("my dad discovered a melanoma on his back last night", "melanoma"),
        ("depuis l'accident mon mari a une anosmie totale", "anosmie"),
        ("mein Vater hat seit dem Sturz ein Schädel-Hirn-Trauma", "Schädel-Hirn-Trauma"),
        ("meine Mutter ist seit ihrem SHT in der Reha", "ihrem SHT"),
        (
            "NHS number 401 023 2110, please book the compression stockings fitting",
            "compression stockings",
        ),
        # round 81: an amputation in French and German, a prosthesis, phantom pain, sickle cell
        # disease in a German compound, the pancreas's operation and enzymes, a transfusion
        ("mon grand-père a été amputé du pied en mai", "amputé du pied"),
        ("mein Onkel ist amputiert und braucht einen Rollator", "amputiert"),
        ("my brother's new prosthesis rubs at the knee", "prosthesis"),
        ("my dad gets phantom pain at night since the operation", "phantom pain"),
        ("unser Sohn hatte letzte Woche eine Sichelzellkrise", "Sichelzellkrise"),
        ("my mum had a Whipple procedure in May, what can she eat?", "Whipple procedure"),
        ("my husband takes pancreatin with every meal", "pancreatin"),
        ("my son's exchange transfusion is on Thursday", "exchange transfusion"),
        # (review: cells after a disease are its cells, not a battery's)
        ("my dad's cancer cells have spread to the liver", "cancer"),
        # round 82: scleroderma and its forms in the languages, fluid on the brain and its
        # shunt, clots by their letters, the vitamin-K antagonists and their values, a baby's
        # food allergy by its letters and an adrenaline pen
        ("my sister has had systemic sclerosis since last spring", "systemic sclerosis"),
        ("mi tía tiene esclerodermia y le duelen las manos con el frío", "esclerodermia"),
        ("mon père a une sclérodermie depuis dix ans", "sclérodermie"),
        (
            "our grandson was born with hydrocephalus and sees the neurosurgeon monthly",
            "hydrocephalus",
        ),
        ("meine Tochter hat einen Hydrozephalus und trägt einen Helm", "Hydrozephalus"),
        ("his VP shunt was adjusted on Tuesday, he's still drowsy", "VP shunt"),
        ("my uncle is back on the ward after a shunt malfunction", "shunt malfunction"),
        ("my nan's dvt came back after the flight", "dvt"),
        ("my wife had a PE last winter and still gets breathless", "had a PE"),
        ("mein Opa nimmt Phenprocoumon, darf er Grapefruit essen?", "Phenprocoumon"),
        ("my mum's INR was 4.1 this morning, the clinic wants a retest", "INR was 4.1"),
        ("log my father's INR readings in a spreadsheet every Monday", "INR readings"),
        ("meine Mutter hat ihren Marcumar-Pass verloren", "Marcumar-Pass"),
        ("our toddler has FPIES and reacts to sweet potato", "FPIES"),
        ("my son keeps his adrenaline pens in a pouch on his belt", "adrenaline pens"),
        # round 83: myasthenia gravis in the languages, its medicine and its letters with a form;
        # a tracheostomy by its short name and home ventilation; haemophilia's brands and
        # prophylaxis; glaucoma in German compounds, a prostaglandin drop by its stem, drusen,
        # an eye injection's brand, blindness in French
        ("my aunt was told last week she has myasthenia gravis", "myasthenia gravis"),
        ("mein Onkel hat Myasthenie und kann abends kaum noch kauen", "Myasthenie"),
        ("my brother takes pyridostigmine before every meal", "pyridostigmine"),
        ("my wife has had generalized MG since May", "generalized MG"),
        ("my grandson's trach needs suctioning every few hours", "trach"),
        ("meine Schwester ist seit Januar in der Heimbeatmung", "Heimbeatmung"),
        ("mon fils fait sa prophylaxie le lundi et le jeudi", "prophylaxie"),
        ("my nephew switched to Elocta after the trial", "Elocta"),
        ("mein Vater hat ein Normaldruckglaukom, sagt der Augenarzt", "Normaldruckglaukom"),
        ("my mum puts in bimatoprost every evening at nine", "bimatoprost"),
        ("the optician saw drusen in my dad's left eye", "drusen"),
        ("my gran has her Eylea jab on Monday, who can drive her?", "Eylea"),
        ("ma grand-mère vit avec une cécité presque totale depuis 2015", "cécité"),
        # round 84: thalassaemia in German and Spanish, an iron chelator, transfusions said alone,
        # speech therapy in German, Marfan said short and a sunken chest, a heart monitor worn
        # for a day
        ("meine Nichte hat Thalassämie und braucht alle drei Wochen Blut", "Thalassämie"),
        ("mi hermano tiene talasemia y siempre está cansado", "talasemia"),
        ("my daughter takes deferasirox every morning before school", "deferasirox"),
        ("ma sœur a ses transfusions tous les quinze jours", "transfusions"),
        ("unser Sohn geht seit dem Herbst zur Logopädie", "Logopädie"),
        ("my cousin has Marfan and can't do contact sports", "Marfan"),
        ("my son's pectus excavatum is being checked in June", "pectus excavatum"),
        ("my dad wears a holter monitor until Friday", "holter monitor"),
        # round 85: gout in French and in a German compound, a kidney stone by what it is made
        # of and in Italian, one passed; a spinal cord injury's bladder, Ménière's disease as
        # French writes it, selective mutism
        ("mon oncle a la goutte depuis l'hiver dernier", "a la goutte"),
        ("mein Vater hatte am Sonntag wieder einen Gichtschub", "Gichtschub"),
        (
            "my husband has calcium oxalate stones, which foods should he avoid?",
            "calcium oxalate stones",
        ),
        ("mia madre ha i calcoli renali da anni", "calcoli renali"),
        ("my brother passed a stone overnight", "passed a stone"),
        ("my partner has a neurogenic bladder since the accident", "neurogenic bladder"),
        ("ma tante a une maladie de Ménière, elle a des vertiges", "maladie de Ménière"),
        ("our daughter has selective mutism and won't speak at nursery", "selective mutism"),
        # (review of round 82: "global" before a term at a sentence's end names no world day)
        ("my grandmother has global aphasia.", "aphasia"),
        # round 86: dystonia and its kinds, botulinum toxin by brand, a brittle bone disease,
        # bloodletting and the genes' zygosity, Addison's disease and its steroids, a disease
        # named after someone in any language, a term with "'s" glued on, cortisol measured
        ("my mother was diagnosed with segmental dystonia last month", "dystonia"),
        ("mamie a un blépharospasme, elle ferme les yeux sans le vouloir", "blépharospasme"),
        ("my husband has his botox appointment for spasmodic dysphonia", "spasmodic dysphonia"),
        ("what is the difference between Botox and Xeomin for my dad?", "Xeomin"),
        ("our son has osteogenesis imperfecta and breaks easily", "osteogenesis imperfecta"),
        ("waarom krijgt Lucas elke drie maanden pamidronaat?", "pamidronaat"),
        ("ugh. mum cancelled her venesection AGAIN because of the bus strike", "venesection"),
        ("Ich hatte heute meinen 30. Aderlass, Hb war 12,1, Kuss Mama", "Aderlass"),
        ("il dottore dice che il salasso va bene per mia nonna", "salasso"),
        ("both my parents are homozygous, what are the odds for my kids?", "homozygous"),
        ("my boyfriend is an addisonian and needs more HC in a heatwave", "addisonian"),
        ("mein freund nimmt hydrocortison, darf er auf das oktoberfest?", "hydrocortison"),
        ("mon beau-père prend de la fludrocortisone le matin", "fludrocortisone"),
        ("the meds are for my mum's adrenal insufficiency", "adrenal insufficiency"),
        ("my son has Addison's and goes to camp next week", "Addison's"),
        ("my brother has Wilson's disease and sees a liver team", "Wilson's disease"),
        ("my daughter has Ehlers-Danlos syndrome", "Ehlers-Danlos syndrome"),
        ("mein Vater hat Morbus Basedow seit dem Frühjahr", "Morbus Basedow"),
        ("ma mère a la maladie de Charcot depuis deux ans", "maladie de Charcot"),
        ("mio figlio ha la sindrome di Down e va a scuola", "sindrome di Down"),
        ("mijn vader heeft de ziekte van Kahler", "ziekte van Kahler"),
        ("my anxiety's been bad since the break-in at the shop", "anxiety"),
        ("can u take dad to his endo appt, his cortisol was low again", "cortisol was low"),
        ("son grand-père a une cirrhose et doit faire des saignées", "saignées"),
        # round 87: a cluster headache's attacks in German, a triptan's French brand, growth
        # hormone in Spanish, Sjögren's by its name alone, eye drops by brand, a look inside by
        # "-oscopy", a salivary gland operated on, a tremor said alone, a brain stimulator's
        # clinic by its letters, focused ultrasound
        ("Ich schlafe kaum wegen der Clusterattacken meines Mannes", "Clusterattacken"),
        ("ma carte a été débitée deux fois pour l'imigrane de mon frère", "imigrane"),
        ("El endocrino ha subido la hormona de crecimiento de mi hijo", "hormona de crecimiento"),
        ("mum says her lozenges give her a tummy ache. she has sjögren's.", "sjögren's"),
        ("Die Online-Apotheke hat das Xiidra für meine Frau doppelt belastet", "Xiidra"),
        ("grandpa's ENT mentioned a sialendoscopy for his swollen glands", "sialendoscopy"),
        ("Meine Mutter wird nächste Woche an der Parotis operiert.", "an der Parotis operiert"),
        ("the GP letter is about my dad's tremor referral", "tremor"),
        ("My dad's letters are from the DBS clinic in Bristol", "DBS clinic"),
        ("I had focused ultrasound on Tuesday, can I fly in two weeks?", "focused ultrasound"),
        ("Est-ce normal que ma mère, sous primidone, soit somnolente ?", "primidone"),
        # round 88: porphyria in German, its letters in English and German, its treatment;
        # phenylketonuria by its letters and its German name ("-urie"), a level in the blood
        # too high; acromegaly's drug, a pituitary operation; tinnitus in Dutch, a heartbeat
        # heard in the ear
        ("mein opa hat porphyrie und trinkt trotzdem jeden abend sein bier", "porphyrie"),
        ("my bf says he's fine, he has AIP. how do I get him to the ER?", "AIP"),
        ("Wie erkläre ich meiner Tochter, warum Papa nicht mitkommt? Er hat EPP.", "EPP"),
        ("they finally gave my mom the hemin today", "hemin"),
        ("Leave request: my daughter has her annual PKU review on Thursday", "PKU"),
        ("Mittagsverpflegung meiner Tochter mit Phenylketonurie", "Phenylketonurie"),
        ("on my newborn's letter: hyperphenylalaninemia, mild", "hyperphenylalaninemia"),
        ("a spreadsheet of my mum's IGF-1 results and her dose of Somatuline", "Somatuline"),
        ("write a haiku about my grandma's pituitary surgery", "pituitary surgery"),
        ("Mijn moeder heeft al maanden oorsuizen.", "oorsuizen"),
        (
            "why does my mother hear her own heartbeat in her ear at night",
            "hear her own heartbeat in her ear",
        ),
        # round 89: hidradenitis by its letters, neurofibromatosis in German and by its kind's
        # letters, a joint's injection in German, osteoarthritis by its letters after the joint,
        # a knee replaced by its letters
        ("my husband's HS is in his buttocks again, what dressings?", "HS"),
        ("my dad's HS abscess feels hot, should he go in?", "HS"),
        ("mein Sohn hat Neurofibromatose und muss zum MRT", "Neurofibromatose"),
        ("our daughter has NF1 and a skin check on Monday", "NF1"),
        ("Die Knie-Infiltration bei meiner Mutter war gestern", "Knie-Infiltration"),
        ("my mum's knee OA is worse after the walk", "knee OA"),
        ("my dad's TKR is booked for March", "TKR"),
        ("my wife had hyaluronic injections in both knees", "hyaluronic injections"),
        # round 90: angioedema and hives in German, polymyalgia by its letters, a finger by
        # which one, a hand burnt in German and an arm in French, a facial palsy in German
        ("my son is 9 and already has angioedema, when do we go to A&E?", "angioedema"),
        ("darf emma mit ihrer urtikaria ins solarium?", "urtikaria"),
        ("nan's PMR flared after she went down to 5mg, should we call the GP", "PMR"),
        ("the hammer slipped and I think I broke my little finger", "broke my little finger"),
        ("ich hab mir gestern beim Schmieden die Hand verbrannt", "die Hand verbrannt"),
        ("je me suis brûlé l'avant-bras hier, je reprends quand ?", "brûlé l'avant-bras"),
        ("Meine Mutter hat eine periphere Fazialisparese", "Fazialisparese"),
        ("Papa a eu sa première perfusion d'Actemra hier", "Actemra"),
        # round 91: eponyms said without their head, sex-chromosome variants and karyotypes, an
        # inflammation before a flare in German and Dutch compounds, a relative's operation by
        # its plain word and as a time in the six languages, a gland taken out, drugs by name
        ("my wife has behcets, what mouthwash actually helps?", "behcets"),
        ("Mon mari a Behçet, il prend de l'apremilast depuis un mois", "Behçet"),
        ("mum's diet sheet says no liquorice, she has cushings", "cushings"),
        ("my son has Klinefelter and starts a new school", "Klinefelter"),
        ("Mijn broer heeft Hirschsprung en moet weer naar het ziekenhuis", "Hirschsprung"),
        ("my son is XXY and his teacher calls him lazy", "XXY"),
        ("my daughter's karyotype came back 45,X/46,XX", "45,X/46,XX"),
        ("my daughter has 45,X, what does that mean for school?", "45,X"),
        ("mein Vater hat wieder einen Uveitis-Schub", "Uveitis-Schub"),
        ("Mijn vader heeft weer een uveïtis-opvlamming", "uveïtis-opvlamming"),
        ("formula to count days since mum's surgery (date in B2)", "surgery"),
        ("write a slack msg to my team: 'off tomorrow, dad's op'", "op"),
        ("she had the surgery 2 days ago and her sodium is dropping", "had the surgery 2"),
        ("my dad's been on mitotane since the surgery", "surgery"),
        ("my wife is scared of the anaesthetic for her adrenal op", "adrenal op"),
        ("mon mari se fait retirer une glande surrénale", "se fait retirer une glande surrénale"),
        ("papa se fait opérer de l'hypophyse jeudi", "se fait opérer de l'hypophyse"),
        ("Mon père est à Genève après son opération", "opération"),
        ("Mein Vater hat nach seiner OP Schmerzen", "OP"),
        ("mi padre después de su operación no duerme", "operación"),
        ("mio padre dopo il suo intervento è stanco", "intervento"),
        ("mijn vader is na zijn operatie moe", "operatie"),
        ("my dad is on metyrapone now, can he drink wine?", "metyrapone"),
        ("Mein Mann nimmt seit zwei Wochen Osilodrostat", "Osilodrostat"),
        ("mijn zoon is 16 en krijgt Sustanon", "Sustanon"),
        ("Was bedeutet 'Dexamethason-Hemmtest' im Befund meiner Mutter?", "Dexamethason-Hemmtest"),
        ("mein sohn hat 47,XXY und der arzt sagt gynäkomastie", "gynäkomastie"),
        # round 92: a weakness by its suffix, feeding by a tube, Graves' disease by its name
        # alone, its eyes, the lip and the palate and the eyelid operated on
        ("my dad's got gastroparesis and a GJ tube since the summer", "gastroparesis"),
        ("my dad's got gastroparesis and a GJ tube since the summer", "GJ tube"),
        ("Meine Mutter hat eine Gastroparese", "Gastroparese"),
        ("she can't eat, she lives on tube feeds now, my mother-in-law", "tube feeds"),
        ("ça fait deux ans que je gère la nutrition entérale de mon mari", "nutrition entérale"),
        ("im 34 and just got told i have graves too, same as my mum", "graves"),
        ("Should i tell my mum's new boyfriend about her graves? They met at salsa", "graves"),
        ("Er hat nach der Schieloperation Doppelbilder, mein Opa", "Schieloperation"),
        ("weil unser Kleiner nach der zweiten Lippen-OP zu Hause ist", "Lippen-OP"),
        ("my daughter's palate surgery is next week", "palate surgery"),
        # round 93: atrial fibrillation and a leukaemia by their letters, shingles in the other
        # languages and its rash's words, CAR-T, weeks of a pregnancy without
        # "pregnant"
        ("I'm 34 and just found out I have AF too, like my dad", "AF"),
        ("I think my mum's AF came back after the ablation", "AF"),
        ("hi, my son is 4 and has ALL, he starts treatment next week", "ALL"),
        ("« Papi, arrête de gratter tes croûtes de zona ! »", "croûtes de zona"),
        ("Mijn moeder heeft gordelroos op haar rug", "gordelroos"),
        ("Mia madre ha il fuoco di Sant'Antonio sul torace", "fuoco di Sant'Antonio"),
        ("my kid has CAR-T on the 8th, she is 11", "CAR-T"),
        ("I'm 28 weeks with twins and need a quiet homelab", "28 weeks with twins"),
        # round 94: a temperature said of someone without "fever", a kinase inhibitor and a
        # prolapse by their stems, a stoma's skin disease, an operation as the time of
        # something with its article, a splint in French
        ("Ist das normal? Meine Mutter hat heute 38,9 und friert", "38,9"),
        ("my son's at 39.4 again and won't drink", "39.4"),
        ("ma fille a 39,5 de fièvre depuis hier", "39,5"),
        ("my uncle started encorafenib last month and feels sick", "encorafenib"),
        ("Mein Opa hat einen Bandscheibenprolaps", "Bandscheibenprolaps"),
        ("my aunt has pyoderma gangrenosum around her stoma", "pyoderma gangrenosum"),
        ("her hand has been numb since the op last month, my mum says", "op"),
        ("mamie boite depuis l'opération, c'est normal ?", "opération"),
        ("Papa ist seit der OP sehr müde", "OP"),
        ("ma grand-mère porte une attelle depuis lundi", "attelle"),
        # round 95: varicose veins and their treatments in the six languages, gallstones and
        # the gallbladder's removal, hernias by their place, a vein's surgery, swelling
        ("my nan's varicose veins are worse this summer", "varicose veins"),
        ("Mein Onkel lässt seine Krampfadern veröden", "Krampfadern"),
        ("mia zia ha fatto la scleroterapia ieri", "scleroterapia"),
        ("mijn vader heeft last van spataderen", "spataderen"),
        ("mon père a des calculs biliaires depuis l'hiver", "calculs biliaires"),
        ("Meine Oma hatte eine Gallenkolik letzte Nacht", "Gallenkolik"),
        ("mein Bruder hat einen Nabelbruch", "Nabelbruch"),
        ("my uncle's surgeon wants an ERCP first", "ERCP"),
        ("my sister has bad oedema in her ankles", "oedema"),
        ("my gran had vein surgery in May", "had vein surgery"),
        ("my dad needs his gall bladder out, he's scared", "gall bladder"),
        ("die Rechnung für die Bruch-OP meines Vaters ist da", "Bruch-OP"),
        # round 96: a biologic's brand and the noun, swollen fingers, restless legs in the
        # other languages and by its letters after whose it is, the tonsils' operation in
        # German with a space, tonsil stones
        ("my husband's Cosentyx pen jammed this morning", "Cosentyx"),
        ("my sister started a new biologic in March", "biologic"),
        ("mon père a une dactylite au pouce", "dactylite"),
        ("mi padre tiene piernas inquietas desde el verano", "piernas inquietas"),
        ("Grandpa's RLS pills were changed to a patch", "RLS"),
        ("nach der Mandel OP darf mein Sohn nur Eis essen", "Mandel OP"),
        ("I'm 30 and I get tonsil stones every winter", "tonsil stones"),
        # round 97: haemorrhoids in the six languages and misspelt, piles had or someone's, a
        # relative's operation in German, French, Spanish, Italian and Dutch, a bunion's
        # operation by its Latin name, rosacea, a wound of a body part, the next sentence's
        # relative
        ("my uncle's hemmorhoids are bleeding again", "hemmorhoids"),
        ("Meine Oma hat seit Ostern Hämorrhoiden", "Hämorrhoiden"),
        ("mi abuelo tiene almorranas otra vez", "almorranas"),
        ("mijn opa heeft last van aambeien", "aambeien"),
        ("my brother has had piles since the new job", "piles"),
        ("grandad's piles flared up after the long drive", "piles"),
        ("Opas OP ist am Dienstag, wer fährt ihn?", "OP"),
        ("die OP meiner Schwester wurde verschoben", "OP"),
        ("Papas Hallux-OP ist nächste Woche", "Hallux-OP"),
        ("l'opération de mon frère est reportée à jeudi", "opération"),
        ("la cirugía de mi hermana es el lunes", "cirugía"),
        ("l'intervento di mio fratello è andato bene", "intervento di mio"),
        ("de operatie van mijn zus is morgen", "operatie"),
        ("my aunt's rosacea gets worse in the sun", "rosacea"),
        ("Meine Schwester cremt ihre Rosazea zweimal täglich", "Rosazea"),
        ("my brother's leg wound is leaking through the dressing", "leg wound"),
        ("Is six weeks off work normal after a hernia repair? My stepdad is a roofer", "hernia"),
        ("¿Es normal la fiebre tras una amigdalectomía? Es para Lucía, 7 años", "amigdalectomía"),
        # round 98: a short name's possessive, an operation "von" someone, an injection into a
        # body part in French, Spanish and Italian, an image of one in French, a medicine's form
        # after a hyphen, the Italian parents, a frozen shoulder's names and treatments, the
        # physio
        ("Al's frozen shoulder still hurts at night", "frozen shoulder"),
        ("Wann ist die OP von meiner Schwester?", "OP"),
        ("ma sœur a eu une infiltration dans le genou lundi", "infiltration dans le genou"),
        ("mon frère a une IRM du genou jeudi", "IRM du genou"),
        ("a mi hermano le pusieron una infiltración en la rodilla", "infiltración en la rodilla"),
        ("mio fratello ha fatto un'infiltrazione al ginocchio", "infiltrazione al ginocchio"),
        ("meine Tochter bekommt Amoxicillin-Saft seit Montag", "Amoxicillin-Saft"),
        ("mamma ha la capsulite adesiva da un anno", "capsulite"),
        ("Mon oncle a une épaule gelée depuis l'été", "épaule gelée"),
        ("my uncle is booked for a hydrodilatation next week", "hydrodilatation"),
        ("my sister's physio sessions start again on Monday", "physio sessions"),
        ("remind me to take Dad to physio at 3", "to physio"),
        ("how do I explain lupus to a 9 year old? their grandad has it", "lupus"),
        # round 99: strokes counted, a body part's ultrasound and physio, a German bandage of
        # a body part, a nasal spray, a polyps' operation, ear drops, an ingrown nail
        ("my uncle has had three strokes since 2019", "three strokes"),
        ("what should my aunt wear to her knee ultrasound?", "knee ultrasound"),
        ("Mein Opa trägt eine Kniebandage seit dem Sturz", "Kniebandage"),
        ("my husband uses his nasal spray every night", "nasal spray"),
        ("Nach der Polypen-OP schnarcht mein Sohn nicht mehr", "Polypen-OP"),
        ("ma fille a des gouttes auriculaires depuis lundi", "gouttes auriculaires"),
        ("my grandad's toenail is ingrown again", "ingrown"),
        # round 100: gum disease's words, melanoma in French, a squint someone has, cysts and
        # ganglions in the six languages, a removal as a hyphenated head, warts, "gran's"
        ("my aunt's periodontist wants to do a gum graft", "periodontist"),
        ("mon oncle a un mélanome sur le dos", "mélanome"),
        ("her squint is worse in the evening", "squint"),
        ("gran's ganglion came back after the op", "ganglion"),
        ("mi abuela tiene un quiste en la muñeca", "quiste"),
        ("die Zysten-Entfernung meines Bruders ist am Montag", "Zysten-Entfernung"),
        ("meine Tochter hat eine Warze am Daumen", "Warze"),
        ("my nephew's verrucas keep coming back", "verrucas"),
        # round 101: a tendon snapped, ruptured or torn and its repair, in German and Dutch too;
        # a relative's physio without the apostrophe; reflux's heartburn, tablets, operation and
        # tests; a painkiller as someone's; anaemia's injections and infusions; chickenpox in
        # two words
        ("my brother-in-law ruptured his achilles at squash", "ruptured his achilles"),
        ("my cousin is off work with a snapped achilles", "snapped achilles"),
        ("how long before my aunt's tendon repair can take weight?", "tendon repair"),
        ("mein Onkel hat sich das Kreuzband gerissen", "das Kreuzband gerissen"),
        ("mijn oom heeft zijn achillespees gescheurd", "achillespees gescheurd"),
        ("Meine Tante hat eine Achillessehnenruptur rechts", "Achillessehnenruptur"),
        ("can I book mums physio through the app?", "physio"),
        ("my gran gets heartburn every night after tea", "heartburn"),
        ("mi abuelo tiene ardor de estómago cada noche", "ardor de estómago"),
        ("my uncle's PPI tablets ran out, what can he take?", "PPI tablets"),
        ("what to eat after my aunt's fundoplication?", "fundoplication"),
        ("can grandad take his ibuprofen with the new tablets?", "ibuprofen"),
        ("Oma bekommt seit März Eiseninfusionen", "Eiseninfusionen"),
        ("my niece has chicken pox, can she go to the party?", "chicken pox"),
        ("ma tante s'est rompu le tendon d'Achille en courant", "rompu le tendon d'Achille"),
        ("my stepdad asked me to pick up his antacids on the way", "antacids"),
        # round 102: teeth ground and a jaw's state in the six languages, the jaw's disorder by
        # its German letters, acne and its cream, spots on a face, a cold sore in French
        ("my stepson grinds his teeth every night", "grinds his teeth"),
        ("my aunt's jaw keeps clicking when she eats", "jaw keeps clicking"),
        ("mein Vater knirscht nachts mit den Zähnen", "knirscht nachts mit den Zähnen"),
        ("ma fille grince des dents depuis la rentrée", "grince des dents"),
        ("mi hija rechina los dientes", "rechina los dientes"),
        ("mia madre digrigna i denti, cosa posso fare?", "digrigna i denti"),
        ("meine Frau hat CMD seit dem Unfall", "CMD"),
        ("my nephew has acne on his back", "acne"),
        ("ma sœur a de l'acné kystique", "acné kystique"),
        ("my daughter hates the spots on her forehead", "spots on her forehead"),
        ("mon oncle a un bouton de fièvre", "bouton de fièvre"),
        ("my brother uses benzoyl peroxide every morning", "benzoyl peroxide"),
        # round 103: nosebleeds in the six languages, a nostril that bleeds, Lyme by its place's
        # name, a tick's bite, hand, foot and mouth disease by its letters and in French
        ("my nephew gets nosebleeds every winter", "nosebleeds"),
        ("ma nièce fait des épistaxis la nuit", "épistaxis"),
        ("mi sobrino tiene sangrado nasal cada semana", "sangrado nasal"),
        ("meine Tochter hat letzte Woche aus der Nase geblutet", "aus der Nase geblutet"),
        (
            "my son keeps bleeding from his right nostril at school",
            "bleeding from his right nostril",
        ),
        ("my aunt's Lyme came back after the antibiotics", "Lyme"),
        ("my husband was bitten by a deer tick in May", "bitten by a deer tick"),
        ("our toddler has HFMD, can grandma visit?", "HFMD"),
        ("mon fils a la maladie pieds-mains-bouche", "pieds-mains-bouche"),
        # round 104: lice, threadworms and worms had, a sprain by its noun and as it happened,
        # a German twisted foot, the writer's age after a question in French, "it's me",
        # food poisoning, an antibiotic's short name
        ("we all got lice from the nursery, me included", "lice"),
        ("unsere Tochter hat Läuse, muss sie zu Hause bleiben?", "Läuse"),
        ("ma fille a des poux, je traite avec quoi ?", "poux"),
        ("my daughter has threadworms again, do we all take the tablet?", "threadworms"),
        ("our twins got worms from nursery, do I treat the whole family?", "worms"),
        ("how long until I can run after my sprain?", "sprain"),
        ("my dad is hobbling after twisting his ankle on the stairs", "twisting his ankle"),
        ("Mein Mann hat sich den Fuß umgeknickt, kühlen oder wärmen?", "den Fuß umgeknickt"),
        ("Combien de temps dure une entorse ? J'ai 52 ans et je marche beaucoup", "entorse"),
        ("Is a week of swelling normal after an ankle sprain? it's me, no brace", "ankle sprain"),
        ("my wife has food poisoning from the takeaway", "food poisoning"),
        ("dad is on fluclox for his leg, can he have a beer?", "fluclox"),
        # round 105: scabies's cream and scabies in German and French, ringworm in French,
        # sunburn and sunstroke, water tablets; what a GP gave someone, a German child in the
        # next sentence, a German relative as the subject, a Spanish prescription to someone
        ("the nurse prescribed us permethrin for the whole house", "permethrin"),
        ("Der Kinderarzt sagt, unser Sohn hat Krätze", "Krätze"),
        ("mon mari a la gale, je dois laver tous les draps ?", "la gale"),
        ("ma fille a une teigne sur le cuir chevelu", "teigne"),
        ("my son got sunburnt at sports day, aftersun or cold cloth?", "sunburnt"),
        ("mon père a fait une insolation au jardin hier", "une insolation"),
        ("schwester hat einen sonnenstich, wie lange liegen lassen?", "sonnenstich"),
        ("grandad is on diuretics, how much water in a heatwave?", "diuretics"),
        ("ist Krätze ansteckend über Handtücher? mein kind hatte Kontakt", "Krätze"),
        ("La doctora le recetó permetrina a mi hermana", "permetrina"),
    ],
)
def test_rounds_76_to_105_health_vocabulary_said_of_someone(
    scanner: PiiScanner, prompt: str, fact: str
) -> None:
    assert fact in strings_of(scanner, prompt, "MEDICAL"), scanner.scan(prompt)


@pytest.mark.parametrize(
    "prompt",
    [
        # round 76: "ME" as the word, a public figure's health by their possessive, and what
        # the writer read about one
        "it's ME, open the garage door from the app",
        "Was Frida Kahlo's polio the reason she painted lying down?",
        "What did Frida Kahlo's doctors say she had? I've read everything from polio to spina",
        "Wie verlief die MS-Forschung in den letzten zwanzig Jahren?",
        # round 77: the word "prep" is no acronym; a question about PrEP names no one's
        "meal prep for the week, high protein, my partner hates fish",
        "Was ist PrEP und wer bekommt sie in Deutschland bezahlt?",
        # round 78: a camera's HD, a CDN's CF, a template's placeholders for the person
        "i have HD footage from the wedding, which codec for YouTube?",
        "I have CF cards from an old Canon, can Linux read them?",
        "Write a letter template: 'Dear [Teacher name], my son [Child name] has asthma and ...'",
        # round 79: "PPC" as pay-per-click, a syndrome's letters asked about
        "Quelle agence choisir pour une campagne PPC sur Google Ads ?",
        "What is MCAS and how do doctors test for it?",
        # round 80: a condition asked about, no one's
        "What is lymphoedema and how is it different from lipoedema?",
        # ... and a treatment's inventor, but not what someone close discovered on themselves
        "Did Dr Vodder first describe manual lymphatic drainage in the 1930s?",
        # round 81: a battery's chemistry, a surname after a title, a treatment's inventor two
        # words before it
        "I keep spare lithium batteries in a drawer, how long do they last?",
        # (review: "SHT" is also a humidity sensor; as a brain injury only after "ihrem", "ein")
        "my SHT sensor reads 40% humidity in the bathroom, is it broken?",
        "Mr Whipple from number 9 is my neighbour, he parks badly",
        "Who invented the modern blood transfusion, and when?",
        # round 82: an electrician's shunt, the school subject and a file format, a price in
        # rupees, a question about a treatment
        "my battery monitor's shunt reads 0.3 A when everything is off, is it broken?",
        "the kids have a PE lesson on Tuesdays so I pack their trainers",
        "my PE file won't load in Ghidra, the header looks corrupt",
        # (review: the subject in a list of grades, a lesson on a weekday)
        "my son's report: his PE, maths and art grades went up this term",
        "he has a PE on Tuesday so pack his kit the night before",
        "the quote for my dad's laptop came in at INR 4.5 lakh, convert it to euros",
        "How does a VP shunt drain fluid, and how long do they usually last?",
        # ... and a condition's world day
        "Put World Diabetes Day in my calendar, it's 14 November I think.",
        "Welche Aktionen gibt es zum Welt-Parkinson-Tag in Berlin?",
        # round 83: a car by its maker's letters, a dose in milligrams, a house's ventilation, a
        # toast
        "my MG ZS EV only charges to 80% since the update, any idea?",
        "my MG gets worse range in winter, is that the battery heater?",
        "is 400 MG of magnesium too much before bed?",
        "the ventilator in the loft hums at night, which fan speed setting is quietest?",
        "my ventilator is noisy since I oiled it, should I replace the bearing?",
        "Prost! Write a short toast for my brother's 40th",
        # round 84: a condition named only as a topic
        "What is the difference between thalassaemia minor and major?",
        # round 85: a drop in French, a stone passed on a walk
        "mon arrosage goutte à goutte fuit, comment réparer le raccord ?",
        "mets une goutte d'huile sur la chaîne de mon vélo, c'est assez ?",
        "we passed a stone bridge on my walk, who built those?",
        # (review: letters and words rounds 83-85 had added that name an engine's top dead
        # centre, a microcontroller's serial interface, a dust mask, a horse's skin tumour)
        "find TDC on my motorbike engine before setting the timing",
        "my SCI interface on the STM32 drops bytes at 115200 baud",
        "mon respirateur FFP3 pour le ponçage sent bizarre, je change les filtres ?",
        "my horse has a sarcoid on her belly, the vet wants to band it",
        # round 86: a syndrome named after a place, an ordinary word or a tree's, a bird's
        # disease; a disease asked about, a name's possessive before what a person owns
        "is Stockholm syndrome real? my friend says it is",
        "I think I have Imposter Syndrome at my new job, any tips?",
        "my oak has Dutch Elm Disease, should I fell it?",
        "my chickens have Marek's disease, is the flock lost?",
        "Kessler syndrome could end space travel, my son says",
        "is hyperpigmentation always present in Addison's",
        "Addison's birthday party is Saturday, remind me to buy a present",
        "L'épilepsie est-elle héréditaire ?",
        "La dystonie se transmet-elle aux enfants ?",
        # round 87: the ground's tremor, a laboratory's look inside, the criminal-record check
        "we felt a tremor last night, was it an earthquake?",
        "I love microscopy and spectroscopy, my son too",
        "my DBS check came back clear, can I start at the school?",
        # round 88: a domain's transfer code, places and a scarcity in "-uria"
        "my EPP code for the domain transfer is wrong, where do I get a new one?",
        "Liguria or Manchuria for my next trip? my wife can't decide",
        "mi hermano dice que hay penuria de agua en su pueblo",
        # round 89: a high school's and a customs code's letters, open access, a roof's water
        "my HS diploma is lost, how do I get a copy?",
        "what's the HS code for the bike parts I'm importing?",
        "what is OA in the sense of open access, my son asks",
        "we have water infiltration in our roof, who do I call?",
        # round 90: an airport's assistance for reduced mobility, the toast burnt
        "my mum needs PMR assistance at the airport, how do I book it?",
        "I burnt the toast again, my wife says the grill is too hot",
        # (review of rounds 86-90: a config's threshold, a pest gel for ants)
        "I have THR set to 80 in my router config, is that too high?",
        "I use a gel injection for the ants in my kitchen, my son hates the smell",
        # round 91: a GP's surgery, an amplifier, an operation of software, a maintenance job,
        # a town and a painter, a CSV's numbers
        "mum's surgery opens at 8, can you remind me to call?",
        "my dad's op-amp circuit oscillates, any idea why?",
        "my job had an operation ID of 5 in the log",
        "after the surgery closes I pick up my son",
        "après son opération de maintenance le serveur redémarre",
        "my dad trades crude, is Cushing still the delivery hub?",
        "my son loves Turner's paintings of the sea",
        "my CSV has rows like 45,X and 46,Y for the grid",
        # round 92: a cemetery's graves, a lip balm
        "we visited the graves of my grandparents in May",
        "my village churchyard has graves from 1800",
        "my lip balm is dry, my son says it smells of mint",
        # round 93: a camera's autofocus, "ALL" as a word, a zone in Italian, a migration's weeks
        "my camera's AF is slow and I have AF points set to auto",
        "my son has ALL the answers, he says",
        "in mia zona c'è un problema con la fibra, mio padre dice",
        "I'm 3 weeks along with the migration, my boss is happy",
        # round 94: hours and gigabytes after a verb of having, a machine's temperature, a
        # disk slow since an operation, an operation of maintenance or of a server
        "my son has 38.5 hours of overtime this month",
        "he has 38.5 GB free on the NAS",
        "my server is at 39.5 degrees, is the fan broken?",
        "my disk has been slow since the operation.",
        "après l'opération de maintenance, mon serveur redémarre",
        "nach der Operation des Servers läuft mein NAS langsam",
        # round 96: a database's row-level security, a postcode's inward code after B12, Dutch
        # "op" after a knee
        "my Supabase RLS policy blocks my inserts",
        "our supplier is at 3 Forge Lane, Birmingham B12 0QA, my order is late",
        "ik zat met mijn knie op de bank",
        # round 97: piles of things and a foundation's piles, an operation of a company or a
        # server, the writer's own project after a question
        "my desk has piles of paperwork since the move",
        "our garage has piles driven into the clay, can I drill the floor?",
        "my son piles up his laundry on the chair",
        "die Operation unserer Firma läuft seit Montag auf dem neuen Server",
        "What does rosacea look like? It's for my school project on skin",
        # ... a way of asking by an age in digits, Spanish "son" (are) before an adverb, a
        # shop's category of goods
        "what is the difference between asthma and COPD, explain like I'm 10",
        "¿Qué son exactamente las varices? ¿Las tiene todo el mundo?",
        "SELECT name FROM products WHERE category = 'proctology' -- I know there are rows",
        # round 98: a leak in a wall, what the writer read, a condition in general
        "il y a une infiltration d'eau dans mon mur depuis l'orage",
        "Hilft Cranberrysaft gegen Blasenentzündung? Ich habe das in einem Blog gelesen.",
        "should I tell my employer about epilepsy in general, what are the rules?",
        # ... explaining to a child of an age, a physio's practice
        "Explain asthma to a 9-year-old in three sentences",
        "How do I set up online booking for my physio practice's website?",
        # round 99: a brush's strokes, an ultrasound's transducer bought for a clinic
        "my son did two strokes of the brush and the paint ran",
        "I had two strokes of luck this week at the market",
        "Hoe lang mag je een neusspray met xylometazoline gebruiken?",
        # round 100: a look, not a squint; Spanish "gran" (great)
        "can you have a squint at my nginx logs?",
        "I squint at my monitor all day, is dark mode better?",
        "¿Es un gran problema un quiste sebáceo en general?",
        # ... a folk remedy's grandmother, the Dutch "je" before an article
        "Existe-t-il des remèdes de grand-mère contre les verrues ?",
        "Hoe onderscheid je een likdoorn van een wrat?",
        # round 101: a guitar's neck and a chair's arm repaired, a print's pixels per inch,
        # what a painkiller is, a tendon in general
        "my son's guitar needs a neck repair before his gig",
        "my dad's armchair needs an arm repair, who does upholstery?",
        "what PPI should my dad's photo prints be for an A3 frame?",
        "What's ibuprofen made of? my son wants to know for school",
        "add antacids and AA batteries to the Grocy list, Nadia shops on Friday",
        # round 102: a Windows prompt, rust spots on a van, a vice's jaw
        "öffne CMD als Administrator und tippe ipconfig, sagt mein Bruder",
        "rust spots on the back of my van, how do I treat them?",
        "my bench vice's jaw is locked, how do I free it?",
        # round 103: a town by the sea, a radiator's bleeding
        "book a cottage in Lyme Regis for my parents' anniversary",
        "how do I bleed the radiator from the valve on the left? my dad asked",
        # round 104: worms in the soil, a question whose next sentence is the writer coming back
        "the raised bed has worms in the soil, good sign for my veg?",
        "how do I lift the NAS into the rack without hurting my back?",
        # round 105: a gale's wind, the sun's energy on a panel
        "my boat's anemometer read 50 knots in the gale, is that plausible?",
        "my solar panels get poor insolation in December, worth tilting them?",
        "Combien de temps dure une entorse ? it's me again, the student from yesterday",
    ],
)
def test_rounds_76_to_105_words_public_figures_and_questions_stay_clean(
    scanner: PiiScanner, prompt: str
) -> None:
    assert strings_of(scanner, prompt, "MEDICAL") == []


def test_each_phrase_rule_is_triggered_by_words_it_contains() -> None:
    """The phrase rules and their trigger words are two lists kept in the same order
    (pii_medical_phrases._TRIGGERS): a rule added without its triggers in the same place shifts
    every later rule onto another's words and it silently stops matching (review of round 89:
    "knee OA" had taken the triggers of the heartbeat rule before it). Each rule must contain
    every part of at least one of its own trigger words."""
    for words, rule in pii_medical_phrases._compiled()[1]:
        pattern = rule.pattern.lower()
        assert any(all(part in pattern for part in w.split()) for w in words), (
            sorted(words),
            rule.pattern[:80],
        )
