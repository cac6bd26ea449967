/**
 * Function words the context rules look for. A threat needs a violent verb and a person as its object; an insult
 * counts more when aimed at "you"; a group noun next to an insult turns it into an identity attack.
 */

export const ROLE_WORDS = {
  you: 'you u ya yah yall youre ur yu thou yourselves',
  /**
   * Second person in other languages, counted only before an insult ("du bist ein …", "tu chutiya hai", "eres un …"):
   * after one these are ordinary words ("… du chien" is French "of the dog").
   */
  youBefore: 'du tu toi vous eres sos usted tum aap tujhe',
  /** What makes "you" after a profanity the start of a new clause: "fuck, you're right", "shit you guys are fast". */
  clause: 're are r were was have ve ll will did do can could know got just should would d',
  your: 'your ur yo his their',
  intent:
    'will ll gonna gon going wanna want wants shall finna must should gotta would d let lets gunna shud need needs',
  /** Wishing or demanding, not predicting: "you should die" is a threat, "you will die without water" is not clearly one. */
  modal: 'should must deserve deserves better need needs ought hope hoping wish gotta shall hopefully shud',
  negation: 'not never don won wouldn shouldn didn doesn cant t wont dont nobody no',
  first: 'i im me my ive myself',
  strongTarget: 'you u ya yall him her everyone everybody yourselves',
  weakTarget: 'them',
  det: 'the those these that this all every some',
  person:
    'guy guys man men woman women kid kids children child boy boys girl girls people person president cops cop police ' +
    'teacher teachers boss family wife husband mom mother dad father sister brother son daughter baby babies admin ' +
    'admins mods moderator editor editors neighbor neighbour neighbors neighbours bastards mayor judge senator governor ' +
    'politician politicians journalist journalists reporter reporters landlord landlady coworker coworkers colleague ' +
    'colleagues manager ex stepdad stepmom stepfather stepmother uncle aunt cousin nephew niece bitch whore slut ' +
    'principal coach boyfriend girlfriend roommate classmate classmates imam rabbi priest pastor',
  body: 'ass arse face head throat neck legs skull teeth jaw arms balls brains fingers hands knees kneecaps nose ribs wrists spine',
  group:
    'jews jew muslims muslim arabs blacks africans mexicans latinos hispanics asians immigrants gays lesbians ' +
    'homosexuals transgenders queers women feminists christians catholics hindus indians whites refugees foreigners negroes ' +
    'migrants illegals lgbt lgbtq bisexuals females zionists gypsies pakistanis somalis nigerians syrians afghans ' +
    'iranians palestinians israelis turks russians ukrainians romanians albanians koreans sikhs buddhists atheists ' +
    'mormons islam judaism latinas girls ladies wives trannies roma romani gipsies italians germans poles brits ' +
    'americans greeks bulgarians serbs croats bosnians kurds chechens moroccans algerians tunisians egyptians iraqis ' +
    'libyans yemenis saudis ethiopians eritreans kenyans ghanaians haitians jamaicans cubans colombians venezuelans ' +
    'peruvians brazilians filipinos indonesians thais bangladeshis nepalis tamils punjabis gujaratis muzzies ' +
    'aboriginals aborigines natives',
  /** Adjectives that name a group only before a person noun: "jewish people", "gay men". */
  groupAdj:
    'jewish muslim black white gay asian mexican arab african chinese indian trans transgender lesbian immigrant latino ' +
    'hispanic christian catholic hindu queer bisexual disabled autistic pakistani somali nigerian syrian afghan iranian ' +
    'palestinian israeli russian ukrainian romanian albanian japanese korean sikh buddhist atheist mormon polish irish ' +
    'italian german turkish kurdish greek vietnamese filipino bangladeshi nepali ethiopian eritrean kenyan ghanaian ' +
    'haitian jamaican cuban colombian venezuelan brazilian moroccan algerian egyptian iraqi saudi roma romani gypsy ' +
    'lgbt lgbtq nonbinary bi aboriginal native foreign asylum',
  /**
   * Nationalities that are an adjective and a plural noun alike: "the Chinese are …" names a group, "the Chinese
   * characters" does not. Read as a group only before a verb or at the end of a clause (see index.ts).
   */
  nation:
    'chinese japanese vietnamese burmese taiwanese sudanese congolese lebanese senegalese portuguese french dutch ' +
    'irish english british welsh scottish swiss polish danish swedish finnish spanish turkish kurdish',
  /** People named after a group adjective, beside `person`: "Polish workers", "Muslim students". */
  member:
    'seekers workers worker students student migrants immigrants refugees folks youths lads males females citizens tourists ' +
    'neighbours neighbors immigrant refugee migrant families parents nurses doctors teens teenagers kids',
  dehuman:
    'animals savages apes monkeys subhuman vermin parasites cockroaches roaches rats pigs dogs inferior filth scum trash ' +
    'garbage disease plague',
  filler:
    'are r re is am such so a an the really total complete fucking fuckin fkn damn big biggest little dirty bloody ' +
    'absolute utter just nothing but being been were was like one of those lil all guys people lot two stupid dumb fat ' +
    'ugly worthless pathetic retarded sad lame piece son s disgusting filthy nasty lazy smelly greedy useless',
  death: 'die dies rot perish',
  be: 'be get gets got getting being',
  yourself: 'yourself urself yourselves',
  hate: 'hate hates despise',
  intensifier: 'up senseless death shit crap hell fuck pulp',
  /** Acts that, told to someone, encourage self-harm: "go die", "do everyone a favour and jump", "just end it". */
  act:
    'die jump end kill hang off neck unalive drink swallow chug take disappear vanish overdose od slit starve cut hurt ' +
    'harm burn stab poison drown suffocate strangle',
  /** Sharing verbs for sextortion: "I'll post these to your family". */
  share:
    'post posting share sharing send sending leak leaking upload uploading show showing spread expose exposing publish ' +
    'release forward distribute',
  intimate: 'nudes nude naked topless sexts explicit intimate nsfw dickpics',
  tech:
    'process processes proc pid pids thread threads task tasks job jobs node nodes container containers pod pods ' +
    'server servers window windows session sessions query queries signal worker workers',
} as const;

export type RoleName = keyof typeof ROLE_WORDS;

/**
 * Violent verbs: `form:score[:p|w]`. `p` past tense (narrative, scored low), `w` weak (beat, kick: a threat only with
 * a body part or "up"/"to death" after the object, so "I'll beat you at chess" passes).
 */
export const VIOLENT_VERBS = `
kill:.9 kills:.9 killing:.85 killed:.9:p murder:.9 murders:.9 murdering:.85 murdered:.9:p stab:.9 stabbing:.85
stabbed:.9:p shoot:.85 shooting:.8 shot:.85:p strangle:.9 strangling:.85 strangled:.9:p choke:.75 choking:.7
lynch:.95 lynching:.9 lynched:.95:p hang:.8 hanged:.8:p behead:.95 beheaded:.95:p decapitate:.95 slaughter:.9
slaughtered:.9:p butcher:.85 torture:.9 tortured:.9:p rape:.95 raping:.9 raped:.95:p execute:.6 shank:.85 slit:.85
punch:.7 gas:.8 bomb:.75 murk:.8 smoke:.5:w beat:.8:w beating:.75:w kick:.7:w break:.7:w smash:.7:w whoop:.7:w
slap:.55 hurt:.65 burn:.6:w drown:.8
`;

/** Verbs before "myself": `form:score`; "cut myself" alone is ambiguous (shaving), intent words raise it. */
export const SELF_HARM_VERBS = `
kill:.9 killing:.9 hang:.85 hanging:.85 shoot:.85 drown:.8 poison:.8 end:.8 off:.6 hurt:.45 hurting:.6 harm:.6
harming:.7 cut:.45 cutting:.7 starve:.55 starving:.6 burn:.45 burning:.6 stab:.7
`;

export const SELF_HARM_WORDS = 'suicide:.4 suicidal:.45 selfharm:.45';
