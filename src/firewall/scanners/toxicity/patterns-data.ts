/**
 * Patterns of the toxicity scanner (syntax in patterns.ts), written from general knowledge of how threats, hate,
 * harassment and self-harm talk are phrased, and checked against harmless sentences that share their words (news,
 * history lessons, medical questions, code review, family chat). Words are matched after normalisation: "won't" is
 * "won t", "I'm" is "i m", accents are dropped.
 */

export const SETS: Record<string, string> = {
  kin:
    'family fam kids kid children child daughter daughters son sons wife husband mom mum mother dad father parents ' +
    'sister sisters brother brothers girlfriend boyfriend gf bf baby babies grandma grandpa grandmother grandfather ' +
    'grandparents wifey dog cat pets',
  body:
    'head skull brain brains face eyes eye chest heart back throat neck kneecap kneecaps knee knees leg legs gut ' +
    'stomach temple mouth spine forehead belly ribs',
  weapon: 'gun guns knife knives blade blades machete axe hatchet rifle pistol shotgun glock revolver barrel',
  /** What a weapon is brought to in a threat: a body part, a home, the people in it. */
  weaponTarget:
    'head skull brain brains face eyes eye chest heart back throat neck kneecap kneecaps knee knees leg legs gut ' +
    'stomach temple mouth spine forehead house home place door doorstep family kids school car work office',
  /** Putting a weapon somewhere: "I'll put a knife to your throat". */
  wield:
    'put bring take hold holding pull stick shove point pointing aim jam press putting bringing taking pulling ' +
    'sticking shoving',
  /** Stories, reviews, games: "you'll never see the twist coming" is a recommendation, "die in Minecraft" a game. */
  fiction:
    'twist twists ending endings movie movies film films book books plot season episode episodes series show trailer ' +
    'novel spoiler spoilers finale game games level boss villain character characters chapter song album minecraft ' +
    'fortnite roblox skyrim gta respawn player quest mission raid dungeon sims scene story stories script screenplay ' +
    'fanfic fanfiction',
  /** What an assistant is asked to write that can carry abuse to a third person. */
  msgNoun:
    'message messages text texts email emails note notes comment comments post posts tweet tweets dm dms reply ' +
    'replies letter letters review reviews caption captions status sms voicemail card cards insults roast roasts ' +
    'nicknames comebacks burns speech poem song rap lyrics thread announcement poster flyer',
  /** Telling about hate rather than saying it: history, counter-speech, questions. */
  meta:
    'not myth myths stereotype stereotypes stereotyping misconception misconceptions untrue false racist racism ' +
    'bigoted bigotry bigots prejudice trope tropes claim claims claimed claiming conspiracy propaganda debunk ' +
    'debunked debunking why nazi nazis hitler holocaust genocide antisemitic antisemitism islamophobic islamophobia ' +
    'homophobic homophobia transphobic transphobia sexist sexism misogynist misogyny xenophobic xenophobia hoax ' +
    'called calling portray portrayed portrays depict depicted depicts rhetoric dehumanizing dehumanising slur slurs ' +
    'lie lies wrong history historical historically believed accused idea notion true whether belief beliefs illegal unlawful ' +
    'discrimination discriminate discriminating discriminatory',
  /** After a statement, words that say it was told about, not said: "… is an antisemitic conspiracy theory". */
  metaAfter:
    'myth myths stereotype stereotypes stereotyping trope tropes conspiracy racist racism antisemitic antisemitism ' +
    'bigoted bigotry prejudice prejudiced propaganda untrue debunked misconception misconceptions xenophobic ' +
    'xenophobia sexist sexism misogynist misogynistic misogyny homophobic homophobia transphobic transphobia ' +
    'islamophobic islamophobia dehumanizing dehumanising hoax discriminatory discrimination hateful offensive slur ' +
    'slurs saying wrong debunk refute rebut counter meme memes',
  /** Possessives before a group word make it something else: "my whites", "our Poles" (tent poles). */
  poss: 'my your ur our his her their its',
  /** What a stereotype says a group is. */
  stereo:
    'lazy dirty filthy smelly stinky stupid dumb greedy violent primitive backward inferior savage uncivilized ' +
    'uncivilised unclean disgusting sneaky untrustworthy dishonest treacherous thieving retarded brainless worthless ' +
    'useless subhuman barbaric feral inbred evil vile parasitic degenerate perverted diseased unintelligent stupider ' +
    'dumber lazier dirtier greedier inferiors criminal vicious cunning scheming deceitful lying disloyal ugly bitter ' +
    'arrogant cheap stingy aggressive hostile dangerous drunk smelly hairy loud rude',
  /** What may follow a group before its verb: "migrants from Syria are …", "gays who adopt are …". */
  bridge: 'from in of living coming who that here there born',
  /** "X are too … to": the inferiority claim. */
  tooAdj:
    'stupid dumb emotional weak lazy primitive irrational hysterical incompetent backward dim ignorant retarded ' +
    'brainless hormonal fragile savage uncivilized uncivilised inferior thick',
  /** Medication taken as prescribed: "take all the pills in the pack, even if you feel better". */
  medical:
    'antibiotic antibiotics course prescribed prescription doctor doctors pharmacist daily dose dosage dosing ' +
    'feel better morning night meal meals pack blister food water directed',
  /** Questions about one's own symptoms: "is it normal to throw up after every meal?" */
  symptom:
    'normal worried worry doctor symptom symptoms why help concerned sick pregnant bulimia bulimic disorder ' +
    'anorexia anorexic nausea nauseous reflux gerd',
  /** What starving until … is said to reach: thinness, disappearing, death. */
  thinGoal:
    'disappear disappears vanish vanishes die dies ribs bones collarbones collarbone hipbones thin thinner skinny ' +
    'skinnier bony underweight faint collapse invisible nothing skeleton',
  /** What a sexual demand is tied to at work or school: "if you want to keep your job". */
  lever:
    'job jobs position promotion raise grade grades scholarship visa contract role internship spot place part shift ' +
    'bonus degree recommendation reference paycheck offer contracts',
  /** A victim asking for help: "… what are my rights?" */
  victim:
    'rights report reporting harassment lawyer hr legal illegal sue allowed normal advice help handle convince cope deal ' +
    'scam scams scammer scammers sextortion phishing awareness fraud bully bullies bullied tried respond prevent ' +
    'protect',
  /** A harmless reason to know an address: "I know where you live now, you sent me the address". */
  benignAddr:
    'address adresse direccion endereco indirizzo paket package parcel delivery delivered livraison lieferung sent ' +
    'envoye geschickt mandaste enviaste invitation invite dinner party visit visite besuch abgeholt picked festa ' +
    'fiesta fete visita visitei endereco indirizzo',
  /** What "X are bad …" says a group is bad at. */
  badAt: 'drivers driver parents mothers fathers people neighbours neighbors employees workers cooks leaders tippers',
  /** A rule, not a claim: "women can't drive in Saudi Arabia until 2018". */
  lawCtx:
    'until legally law laws license licence licensed country countries saudi arabia iran afghanistan taliban ' +
    'permit permitted regime ban banned rule rules policy policies without defense defence concealed carry',
  /** Asking before a group: "do Chinese people eat dogs?" is a question about a claim. */
  qaux: 'do does did is are was were',
  /** Verbs of harm, for plans: "a plan to hurt my ex without getting caught". */
  harmVerb:
    'hurt kill poison harm attack beat stab shoot murder burn drug stalk rob strangle choke drown punch kidnap rape',
  /** What should not come right before "stop eating" in an order to starve: "I want to stop eating". */
  stopNot: 'i we to want wanna trying try should',
  /** A violent attack on a public place: "shoot up that school". */
  place:
    'school schools office mall workplace concert stadium classroom campus university college hospital building ' +
    'synagogue mosque church temple club bar parade festival',
  /** Telling what someone else feels: "my friend says nobody would miss her". */
  reportedFeel: 'says said thinks thought feels felt told believes worried worries afraid scared',
  pills:
    'pills pill tablets tablet meds medication medicine painkillers paracetamol tylenol ibuprofen acetaminophen ' +
    'aspirin xanax insulin oxy oxycodone benadryl sleeping',
  /** Nouns that, after a group, make a dehumanising or criminalising statement. */
  crim:
    'terrorists terrorist criminals criminal rapists rapist thieves thief murderers murderer pedophiles pedophile ' +
    'paedophiles paedophile paedos pedos groomers invaders savages savage barbarians thugs leeches freeloaders ' +
    'scroungers parasites parasite vermin cockroaches roaches rats apes monkeys animals beasts pigs dogs subhuman ' +
    'subhumans untermenschen inferior evil filth scum trash garbage disease diseases plague cancer virus infestation ' +
    'degenerates degenerate perverts abominations abomination demons devils killers enemy enemies mongrels drunks ' +
    'drunkards liars cheats crooks beggars moochers leeches locusts termites lice maggots swarm horde hordes ' +
    'invasion infection tumor tumour scammers scammer frauds fraudsters hustlers gangsters dealers smugglers ' +
    'traffickers jihadists extremists fanatics worshippers bums',
  /** Between "are" and the predicate: "are all just a bunch of filthy …". */
  genfill:
    'all just nothing but such a an the fucking fkn dirty filthy bunch buncha of lot pack like basically literally ' +
    'really born natural simply only mostly these those bloody disgusting total complete worse than no better ' +
    'more nasty stinking stinky greedy lazy stupid dumb ugly smelly violent worthless useless sneaky inbred primitive ' +
    'backward brainless filthy rotten genetically biologically naturally inherently intellectually racially ' +
    'mentally fundamentally innately by nature always so very super extremely incredibly too drunk drunken ugly ' +
    'violent savage criminal thieving lying cheating dangerous uneducated ignorant wild gang band',
  power: 'banks bank media world government governments money hollywood press finance economy news system congress',
  /** What "X should be …" ends with when it calls for violence. */
  violentPp:
    'exterminated gassed killed shot hanged hung lynched burned burnt sterilized sterilised castrated executed ' +
    'eradicated eliminated wiped slaughtered massacred beheaded raped tortured murdered nuked bombed culled purged ' +
    'cleansed enslaved whipped stoned drowned',
  /** … and when it calls for removing or shutting out a group. */
  removePp: 'deported removed expelled banned locked caged jailed interned rounded segregated kicked thrown chased driven',
  cage: 'cages camps camp ovens oven zoo zoos kitchen jail prison chains gas chambers home',
  rights:
    'rights right respect live exist vote voice freedom freedoms citizenship breathe humanity dignity jobs equality ' +
    'marry',
  firstp: 'i we ill ima imma',
  /** Reporting what someone said or plans: "Trump vowed to deport …" is news. */
  news:
    'vowed vows vow promised promises plans plan policy policies announced says said say wants threatened threatens ' +
    'threatening campaign police reported reports arrested charged accused allegedly suspect suspects court jury ' +
    'convicted sentenced investigators',
  /** Places of worship: burning one down is a threat to the people who pray there. */
  worship:
    'mosque mosques church churches synagogue synagogues temple temples gurdwara gurdwaras masjid cathedral chapel ' +
    'shul mandir',
  /** What "something happened to …" is said about in a veiled threat, besides the people themselves. */
  shameTarget: 'house home car shop store business restaurant face place kids family',
  /** Sextortion: sharing, pictures, coercion and the people it threatens to show. */
  share:
    'post posting share sharing send sending leak leaking upload uploading show showing spread expose exposing ' +
    'publish release forward distribute',
  intimate: 'nudes nude naked topless sexts explicit intimate nsfw dickpics',
  image:
    'pics pic pictures picture photos photo images image videos video vids vid screenshots screenshot selfies snaps ' +
    'tape tapes',
  imageRef: 'these those them it everything',
  audience:
    'family parents mom mum dad mother father boss manager coworkers colleagues friends school classmates teachers ' +
    'wife husband girlfriend boyfriend church employer followers contacts work job everyone everybody internet ' +
    'online facebook instagram insta twitter tiktok snapchat reddit pornhub onlyfans whatsapp class office',
  accuse:
    'pedophile paedophile pedo paedo rapist thief liar cheater cheat fraud abuser creep pervert racist nazi scammer ' +
    'criminal junkie addict whore slut molester predator groomer drunk stalker psycho',
  coercion: 'or unless else pay money bitcoin btc venmo paypal cashapp cash dollars usd gift',
};

/** One pattern a line; `#` starts a comment line. */
export const PATTERNS = `
# --- implicit threats: a template and "you" ---
threat:.75 !fiction !>fiction | @you won|wont|will|ll|never|not|t*3 ^see it|me|us|this coming
threat:.75 !fiction !>fiction | @you won|wont|will|ll|never|not|t*3 ^know what hit|s|is
threat:.8 | ^bullet|bullets|slug|slugs in|into|through|between your|ur|yo [body]
threat:.8 | ^bullet|bullets|slug|slugs in|into|through|between you|u|ya $|and|if|when|now|bitch
threat:.8 | ^bullet|bullets|[weapon] with your|ur|yo name on it|them
threat:.75 !@negation | [wield] *3 ^[weapon] to|at|in|into|through|against|across your|ur|yo [weaponTarget]
threat:.75 !@negation | [wield] *3 ^[weapon] to|at|in|into you|u $|and|bitch
threat:.8 !>benignAddr | i|we|ive|weve know|knw|found|got ^where @you live|work|sleep|park|stay|hide
threat:.75 !>benignAddr | i|we|ive|weve know|knw|found|got ^where @you go|goto to? school|work|college|class|church|gym
threat:.8 !>benignAddr | i|we|ive|weve know|knw|found|got ^where your|ur|yo little|precious|pretty? [kin] go|goes|live|lives|work|works|sleep|sleeps|study|studies|play|plays|stay|stays|are|is|hang|walk|walks|park|parks|catch|catches|take|takes|wait|waits|get|gets|ride|rides|train|trains|swim|swims
threat:.6 | ^watch your|ur|yo back
threat:.65 | @you ll|will|re|are|gonna|going|shall|gon*3 to? ^regret this|that|it $|forever|bitch|punk|trust|mark|believe|i|when|buddy|pal|kid|asshole|motherfucker|dude|mate|lol
threat:.7 | @you ll|will|re|are|gonna|going|shall|gon*3 to? ^regret ever? the? day? crossing|messing|fucking|meeting|met|talking|starting|you|u
threat:.65 | @you ll|will|re|are|gonna|going|shall|gon*3 to? ^pay for this|that|it $|bitch|punk|trust|mark|believe|i|when|asshole|motherfucker
threat:.65 | @you ll|will|re|are|gonna|going|shall|gon*3 to? ^pay for what @you did|done|said
threat:.7 | your|ur|yo [kin] will|is|are|gonna|going? won|wont|isn|aren|ain|never|not|cant|can t? be|stay|going|gonna|to|ever*3 ^safe $|anymore|from|now|around|tonight|either
threat:.75 | nobody|noone|none you|u love|care *3 ^safe
threat:.75 | no one you|u love|care *3 ^safe
threat:.8 | make|making sure @you never|cant|can|won|wont|don|dont|t|ever*2 ^walk|talk|breathe|wake|speak|walks again|up|straight|properly|normally|$
threat:.7 | @you ll|will|re|gonna|going|to*3 never|not|won|wont|t*2 ^walk|talk|breathe again|$
threat:.7 | ^sleep with one eye open
threat:.8 | i|we|ill ll|will|m|re|am|are|gonna|going|coming|to*3 ^hunt|track @you down
threat:.65 | i|we|ill ll|will|m|re|am|are|gonna|going|to*3 ^find @you $|and|bitch|punk|motherfucker|asshole|soon|wherever|one
threat:.75 | i|we|ill ll|will|m|gonna|going|to*3 ^end @you $|bitch|punk|motherfucker|asshole|kid|boy|now
threat:.75 | i|we|ill ll|will|m|gonna|going|to*3 ^make|making @you suffer|bleed|scream|beg|regret
threat:.65 | i|we|ill ll|will|m|gonna|going|to*3 ^make|making @you pay $|for
threat:.65 | @you can|will? cant|cannot|t|won|wont|never*2 ^hide|escape|run from? me|us|forever|$
threat:.65 | @you re|are|r so? ^dead $|meat|bitch|kid|punk|when|if|motherfucker|asshole|now|already|man|bro|dude
threat:.6 | i|we m|am|re|are|ll|will|be ^coming for @you $|,|next|bitch|punk|soon|tonight|and
threat:.75 | i|we|ill ll|will|m|gonna|going|to*3 ^burn|torch your|ur|yo house|home|car|place|shop|store
threat:.75 | i|we|ill ll|will|m|gonna|going|to*3 ^post|leak|share|publish|dox|doxx|spread your|ur|yo address|phone|number|location|details|info|personal
threat:.75 | i|we|ill ll|will|m|gonna|going|to*3 ^dox|doxx @you
threat:.75 | ^hope|hoping|wish @you|your|ur *2 get|gets|catch|develop cancer|aids|ebola|raped|run|hit|killed|murdered|stabbed|shot
threat:.85 | i|we|ill ll|will|m|gonna|going|to|put*3 ^put @you in|into the? ground|grave|hospital|coffin|wheelchair|body|ambulance
threat:.8 !fiction !>fiction | i|we|ill|im|ima|imma|and ll|will|m|gonna|going|to|re|am*3 ^put|putting him|her|them in|into the|a? ground|grave|hospital|coffin|wheelchair|ambulance|morgue|icu
threat:.75 | @you won|wont|never|not|t*3 be? ^walking|walk|leaving|leave|getting|get|making|make|going|go out|home|it alive
threat:.7 | @you won|wont|never|not|t*3 be? ^walking|walk|leaving|leave|getting|get out $|of
threat:.6 | keep|one|say|try|do|touch|talk *4 and|or ^see what happens|happen to? you? $
threat:.65 | @you ll|will|re|are|gonna|going|gon*3 to? get|gets ^what s|is coming to? you|u? $|bitch|punk|asshole|motherfucker
threat:.6 !news | he|she|they|hes|shes|theyre|s|ll|will|re|are|is|gonna|going|gon*3 to? get|gets ^what s|is coming to? him|her|them $|,|and|now|soon
threat:.75 | ^[weapon] and i|ill|im|we ll|will|m|know|gonna|coming|ve*2 know|coming|find|use|gonna|going|will|got
threat:.8 !>benignAddr | i|we|ill ll|will|m|gonna|going|to|already*3 ^find|found|finding out? where @you live|work|sleep|stay
threat:.7 | @you better|d|had|best *1 ^hope|pray i|we|that never|don|dont|t*2 see|find|catch|meet|run @you
threat:.8 | pay|send|venmo|transfer *4 ^or|else|unless your|ur|all [audience]*1 *2 see|sees|seeing|gets|get|receive|receives|find|finds|know|knows|hear|hears|watch|watches

# --- threats against a third person, veiled threats ---
threat:.8 !news !fiction | i|we|ill|ima|imma|ll|will|gonna|to|should|gotta|let|lets|must|wanna|m *2 ^break|snap|crack|shatter every|each|all bone|bones in|of your|ur|his|her|their|that|this|the|yo little|pretty|fat|stupid|skinny? body|face|hand|hands|legs|arms
threat:.7 !news !fiction | people|those|anyone|anybody|whoever|guys|folks|everyone|everybody who|that *5 me|us tend|tends|seem|seems|usually|always|often|somehow|mysteriously|suddenly*2 to? have|get|end|wind|go|meet|suffer|had|got|ended|wound|went|having|getting|ending up? in|with? the|a|an? nasty|unfortunate|little|terrible|tragic|bad|strange|serious? ^accidents|accident|hospital|missing|hurt|dead|disappearing
threat:.7 !news !fiction | ^accidents|accident happen|happens|occur|can|could|may|might*2 to people|those|anyone|anybody|snitches|folks|guys|whoever|kids|girls|boys|families|you who|that *4 me|us|snitch|snitches|talk|talks|rat|rats|cross|crosses|testify|cooperate|squeal|mess
threat:.75 !news !fiction | shame|pity|tragedy|terrible|awful|sad|unfortunate|horrible|bad if|when|should something|anything *3 ^happen|happened|happens|were|was to? happen? to your|ur|his|her|their|yo? little|lovely|nice|pretty|precious|beautiful? you|u|ya|him|her|them|[kin]|[shameTarget]
threat:.7 !news !fiction | hate|hating for something|anything *3 ^happen|happened to your|ur|his|her|their|yo? little|lovely|nice|pretty|precious|beautiful? you|u|ya|him|her|them|[kin]|[shameTarget]
threat:.75 | i|we|ive|weve ^know|knw what time your|ur|yo [kin] leave|leaves|gets|get|comes|come|arrive|arrives|walks|walk|goes|go|is|are|finishes|picks|drops|leaving|gets
threat:.75 | i|we|ive|weve ^know|knw when your|ur|yo [kin] leave|leaves|gets|get|comes|come|arrive|arrives|walks|walk|goes|go|is|are|finishes|picks|drops|leaving|gets
threat:.7 | i|we|ive|weve know|knw|got your|ur|yo [kin] s? ^schedule|routine|route|whereabouts|movements
harassment:.45 #weak | i|we|ive|weve been|m|am|re|ve|have|keep *2 ^watching|following|watched|followed your|ur|yo house|home|place|apartment|flat|window|windows|kids|wife|husband|daughter|son|family|car|girlfriend|boyfriend
threat:.85 identity_attack:.7 !news !fiction !>fiction | burn|torch|bomb|firebomb|nuke|raze|blow|gas down|up? the|that|this|their|every|a|those|these|your|ur|all? ^[worship]
threat:.8 !news !fiction !>fiction | burn|torch|lock|bomb|firebomb *6 with|while everyone|everybody|them|him|her|you|u|people|[kin] still? ^inside
threat:.8 !fiction !>fiction | ^bullet|bullets|slug|slugs in|into|through|between him|her|them $|,|and|if|when|now
threat:.8 !fiction !>fiction | ^bullet|bullets|slug|slugs in|into|through|between that|this|the|every|his|her|their @person|@group|@member|head|skull|face|brain|chest
threat:.7 !fiction !>fiction | i|we|ill|ima|imma|and|gonna|lets|s ll|will|m|going|to|gotta|should|gonna|re|am*3 make|making him|her|them ^suffer|bleed|scream|beg|regret
threat:.65 !fiction !>fiction | i|we|ill|ima|imma|and|gonna|lets|s ll|will|m|going|to|gotta|should|gonna|re|am*3 ^make|making him|her|them pay $|,|dearly
threat:.65 !fiction !>fiction | i|we|ill|ima|imma|and|gonna|lets|s|swear ll|will|m|going|to|gotta|should|gonna|re|am*3 ^make|making him|her|them pay for what|this|that|it|everything|leaving|cheating|hurting|lying|betraying|messing|crossing|dumping|ruining|doing|saying|talking|snitching
harassment:.5 | i|we|ill|help|me ll|will|m|gonna|going|to|already|can|could|me*3 ^find|found|finding|track|tracking|figure out? where he|she|they|him|her live|lives|work|works|sleep|sleeps|stay|stays
threat:.65 | your|ur|yo|his|her|their days are|r|is ^numbered

# --- sexual coercion: non-consent; a sexual demand (#sexreq) tied to a job, a grade or published pictures (#lev) ---
sexual:.85 threat:.7 | touch|fuck|kiss|grope|grab|rape|bang|screw|undress|strip|finger|sex|feel|molest *4 ^whether @you|she|he|they|u like|likes|want|wants|agree|agrees it? or not
sexual:.85 threat:.7 | touch|fuck|kiss|grope|grab|rape|bang|screw|undress|strip|finger|sex|feel|molest *4 ^even if|when @you|she|he|they|u say|says|said|scream|screams|cry|cries|fight|fights|resist|resists|beg|begs no|stop|$
sexual:.85 threat:.7 | touch|fuck|kiss|grope|grab|rape|bang|screw|undress|strip|finger|sex|feel|molest *4 no ^matter what @you|she|he|they|u say|says|want|wants
sexual:.8 threat:.7 !victim !>victim | ^sleep|sleeping with me|us *3 or|unless
sexual:.8 threat:.7 !victim !>victim | have|having ^sex with me|us *3 or|unless
sexual:.8 threat:.7 !victim !>victim | ^only if|when|unless @you|she|he|they|u sleep|sleeps|sleeping|have|has|agree|agrees *2 with me|us|him
sexual:.2 #sexreq | ^sleep|sleeps|sleeping with me|us|him|the|my|your
sexual:.2 #sexreq | be|re|are|you|being nice|good|sweet|friendly to me ^tonight|later|after|alone
sexual:.2 #sexreq | if you|u know what i ^mean
sexual:.75 | ^pic|pics|photo|photos|picture|pictures|video|videos|vid|vids|selfie|selfies of your|ur|her tits|boobs|breasts|ass|pussy|dick|cock|nipples|butt|naked|nude
sexual:.2 #sexreq | ^do|does anything|whatever i|we want|say|ask
sexual:.2 #sexreq | let|lemme me ^touch|kiss|see|feel you|u|your
harassment:.2 #lev | ^nobody|noone|none will|would|has|needs|ever*2 to? know|find|tell
harassment:.2 #lev | no one will|would|has|needs|ever*2 to? ^know|find|tell
harassment:.2 #lev | our ^little secret
harassment:.2 #lev | don|dont|do t? not? ^tell your|ur|anyone|anybody|mom|mum|dad|parents|teacher|nobody
harassment:.2 #lev !victim !>victim | or|else @you|she|he|they|u re|are|ll|will|get|gets|be*2 off|out|kicked|cut|dropped|benched|removed of? the ^team|squad|band|show|project|class|course|cast|group
sexual:.2 #sexreq | have|having ^sex with me|us|him
sexual:.2 #sexreq | ^send|sends|sending me? some|a|more|your|her|his? photos|pics|pictures|selfies|videos|vids|nudes|pic|photo|video
sexual:.2 #sexreq | ^take|takes|taking off? your|her|ur|his|that|those clothes|top|shirt|bra|pants|dress|underwear|panties|skirt|knickers
sexual:.2 #sexreq | ^undress|undressing|strip|stripping|striptease
sexual:.2 #sexreq | ^show|send me? your|ur|her tits|boobs|breasts|body|ass|pussy|dick|cock|nipples|butt
sexual:.2 #sexreq | come|go|comes to my ^room|bedroom|hotel|apartment|bed
harassment:.2 #lev !victim !>victim | if|unless @you|she|he|they|u really? want|wants|wanna|wish|expect|expects|need|needs|like|d to? keep|get|pass|save|land|have|win? your|her|his|their|ur|a|the|that|this|my? passing|good|big|new? ^[lever]
harassment:.2 #lev !victim !>victim | @you|she|he|they|u ll|will|can|could|only? get|gets|keep|keeps|pass|passes the|your|her|his|their|ur|a|that|this? passing|good|big|new? ^[lever] only? if|unless
harassment:.2 #lev !victim !>victim | or|else @you|she|he|they|u re|are|is|ll|will|get|gets|be*2 ^fired|expelled|sacked|failed|demoted|deported
harassment:.2 #lev !victim !>victim | ^pictures|pics|photos|videos|nudes|pic|photo|video go|goes|will|are|get|gets|end|going*2 up? on|online|up|public|everywhere|viral
harassment:.2 #lev !victim !>victim | or|else|unless i|ill|we ll|will*2 ^tell|show|send|post|call|inform|leak|expose

threat:.85 !news !fiction !>fiction | ^shoot|shooting up the|that|this|a|my|our|their|your|every? [place]
threat:.8 !news !fiction !>fiction | bomb|blow|firebomb|torch|burn up|down? the|that|this|a|my|our|their|your|every? ^[place]
threat:.7 !fiction !>fiction | @you|he|she|they|him|her ll|will|re|are|gonna|going|gon|to|gonna*3 ^end|wind up in a|the ditch|morgue|grave|coffin|trunk|dumpster
threat:.7 | ^lucky i|we don|dont|do|didn|did t? not? know|knw|find where @you live|are|work|sleep
harassment:.45 #weak !>benignAddr | i|we|ive|weve know|knw ^where he|she|they live|lives|works|work|sleeps|stays
threat:.45 #weak | @you|she|he|they|u d|had? better ^watch out|it|yourself|your|her|his|ur $|,|back|or
threat:.7 !news !fiction !>fiction | will|ll|gonna|never|won|wont|going to? find|found your|his|her|their|ur ^body|bodies|corpse|remains
threat:.7 !news !fiction | people|guys|folks|snitches|rats like? you|u|that|them? *2 ^end|wind|ends|winds up dead|missing
threat:.85 !news !fiction !>fiction !>lawCtx | ^bring|bringing|take|taking a|my|the|his|her? dad|dads? s? gun|guns|rifle|weapon|weapons|bomb|explosives|ak to school|work|class|campus|church|office
threat:.75 !fiction !>fiction | [harmVerb] him|her|them|my|his|their|your|someone|somebody|people|@person *3 ^without getting|being|anyone caught|traced|detected|noticed|suspected|knowing|finding
threat:.8 !fiction !>fiction | ^make|making it look like an? accident|suicide|overdose|heart
threat:.75 !fiction !>fiction | [harmVerb] my|his|her|the|their|your|our? @person s ^dog|cat|pet|dogs|cats|pets|puppy|kitten|horse
threat:.75 !fiction !>fiction | plan|plot|way|ways|how|help|best to|me *2 ^[harmVerb] my|his|her|their|the|a|this|that @person|[kin]|him|her|them|someone|somebody
threat:.8 sexual:.6 !victim !>victim | pay|send|transfer|venmo|bitcoin|btc|money|cash|euros|dollars *6 or|unless|else *3 ^video|videos|pics|photos|pictures|recording|recordings|screenshots|tape|chats|messages|nudes|images *5 [audience]|contacts|porn|viral|public
threat:.8 sexual:.6 !victim !>victim | pay|send|transfer|venmo|bitcoin|btc|money|cash|euros|dollars *6 or|unless|else i|ill|we ll|will|gonna? publish|leak|post|release|share|send|show|expose|forward|upload the|your|these|those|my|all? ^video|videos|pics|photos|pictures|recording|recordings|screenshots|tape|chats|messages|nudes|images
threat:.75 | i|ill|we ll|will|gonna? ^forward|show|post|share|leak|send what|everything|all you|u sent|send|showed|gave *2 to your|ur|the|all? [audience]
threat:.8 sexual:.7 !news | threaten|threatening|threatens to ^leak|post|share|expose|release|publish|send her|his|their|your [image]|nudes|secrets
threat:.8 !news !meta | ^blackmail|blackmailing|extort|extorting|sextort him|her|them|my|his|this|that
threat:.8 sexual:.6 | i|ill|we|ima|imma ll|will|m|gonna|going|to*2 make|making sure everyone|everybody|all|your [audience]? *4 ^see|sees|get|gets|watch|watches those|these|your|her|his [image]|nudes
# --- harassment ---
harassment:.8 | i|we|ill|ima|imma *4 ^make|making your|ur|yo life *2 hell|misery|miserable|nightmare|living|unbearable|torture
harassment:.75 | i|we|ill|ima|imma *4 ^ruin|destroy|wreck your|ur|yo life|career|reputation|marriage|family|business|relationship
harassment:.65 | ^keep messaging|texting|calling|emailing|dming|following|stalking|harassing|watching|bothering @you until|till you|u reply|respond|answer|pick|talk|block|unblock|see|meet|come|love|date|agree|give|open
harassment:.65 | ^keep messaging|texting|calling|emailing|dming|following|stalking|harassing|watching|bothering @you forever|everyday|all every
harassment:.45 #weak | i|we m|am|re|are|ll|will|be|been|standing|waiting|parked|sitting*3 ^outside your|ur|yo house|home|door|window|place|apartment|flat|office|work|school|building|room
harassment:.45 #weak | i|we m|am|re|are|ve|been|be|ll|will|keep|always*3 ^watching|following @you $|always|every|sleep|all|everywhere|right
harassment:.75 | i|we m|am|re|are|ve|been|be|ll|will|keep*3 ^stalking @you
harassment:.65 | everyone|everybody|they|we|people|all *4 ^hates|hate @you $|and|so|here|bro|lol|just|too|quit|leave|already|man|dude|bitch|loser|now
harassment:.6 | nobody|noone|none *4 ^likes|loves|wants|needs|respects|trusts @you $|here|around|anymore|lol|loser|at|bro|so|and|just
harassment:.6 | no one *4 ^likes|loves|wants|needs|respects|trusts @you $|here|around|anymore|lol|loser|at|bro|so|and|just
harassment:.6 | nobody|noone|none *2 ^cares|care|gives about|a? shit|fuck|damn? about? @you $|here|around|anymore|lol|loser|at|bro|so|and
harassment:.6 | no one *2 ^cares|care|gives about|a? shit|fuck|damn? about? @you $|here|around|anymore|lol|loser|at|bro|so|and
harassment:.7 #aimed | nobody|noone|none *2 ^miss|misses @you $|if|when|and|at|lol|anyway|anyways|just|go|so|do
harassment:.7 #aimed | no one *2 ^miss|misses @you $|if|when|and|at|lol|anyway|anyways|just|go|so|do
harassment:.75 self_harm:.7 | nobody|noone|none|one|who *3 ^care|cares|notice|miss|mourn if|when @you died|die|disappeared|vanished|killed|jumped|hung|ended|dropped|overdosed|committed
harassment:.75 self_harm:.7 | nobody|noone|none|one|who *3 ^care|cares|notice|miss|mourn if|when @you were|was gone|dead
harassment:.6 | i|we|ill ll|will|m|gonna|going|to|make|sure*4 ^get|have @you fired|expelled|sacked|deported|banned $|from|for|if|and
harassment:.7 | @you re|are|r ^dead to me
harassment:.7 #aimed | world|nobody|noone|everyone|everybody|society|we *3 need|needs|want|wants people|someone|anyone like @you
harassment:.55 #weak | i|we know|can|see @you re|are|r home|there|inside|alone $|right|now
harassment:.45 #weak | i|we can see|saw ^your|ur car|house|window|windows|lights|light|room|bedroom
harassment:.45 #weak | ^stop ignoring|blocking me
harassment:.7 self_harm:.6 #aimed | world|everyone|everybody|earth|planet|humanity|society|family|parents|kids|we|people|everything *5 better|happier|safer *3 ^without you|u
harassment:.7 self_harm:.6 | world|everyone|everybody|earth|planet|humanity|society|family|parents|kids|we|people|everything *5 better|happier|safer *3 ^without him|her
identity_attack:.8 !meta | world|everyone|everybody|earth|planet|humanity|society|country|america|europe|britain|we *5 better|safer|happier|cleaner *3 ^without|minus|sans all? the? these? @group|@groupAdj
harassment:.6 #aimed | @you should|need|needs|better|must|gotta|could just? ^disappear|vanish forever|permanently|$

# --- self-harm encouraged in someone else, eating disorders ---
self_harm:.8 harassment:.75 | should|must|need|needs|ought|better|hope|hoping|wish|deserves|deserve|tell|told|telling|go|gotta|pls|please to|just|go|and|fucking|really|please|pls|simply|him|her|them|he|she|they|would|d|already|finally*3 kill|hang|starve|cut|hurt|off|drown|poison|shoot|end|neck|kills|hangs|starves|cuts|hurts|drowns|poisons|shoots|ends|necks|stab|stabs|burn|burns|unalive ^himself|herself|themselves|themself
self_harm:.75 harassment:.7 | stop|quit|skip|avoid|stopped|stops|skipping|skips eating|meals|food|eat *3 ^until|till|til you|u|she|he|they|your|ur|her|his|their|ya *4 [thinGoal]
self_harm:.8 harassment:.7 !>symptom | $|just|should|must|gotta|better|need|needs ^throw|puke|purge|vomit up? after|every|each every|each|you|u|she|he|a|your? meal|meals|eat|eats|eating|dinner|lunch|time
self_harm:.8 harassment:.7 | ^cut|slice|slit|slash deeper|vertically|lengthwise next|this time

harassment:.7 !meta !fiction !>fiction !victim !>victim | i|we|s|lets|let|to|and|then|can|could|should|will|ll|gonna|wanna|us|help ^humiliate|torment|bully|harass|ridicule|isolate|humiliating|tormenting|bullying|harassing|terrorize|terrorise him|her|them
harassment:.7 !meta !fiction !>fiction !victim !>victim | i|we|s|lets|let|to|and|then|can|could|should|will|ll|gonna|wanna|us|help ^humiliate|torment|bully|harass|ridicule|isolate|humiliating|tormenting|bullying|harassing|terrorize|terrorise my|our|this|that|the|his|her|their new? @person|@member
harassment:.7 !meta !fiction !>fiction | i|we|s|lets|let|to|and|then|can|could|should|will|ll|gonna|wanna|us|help ^embarrass|shame|expose him|her|them in|at front|school|work|class of? the|his|her|their|all|everyone|everybody
harassment:.7 !meta !fiction !>fiction | i|we|s|lets|let|to|and|then|can|could|should|will|ll|gonna|wanna|us|help ^spread|spreading|start|starting rumours|rumors|rumour|rumor|lies|gossip about|that him|her|them|she|he|they|my|our
harassment:.45 #weak | ^nobody|noone|none *3 likes|loves|wants|needs|love|like|want|need|cares|care him|her|them $|,|here|around|anymore|at|and|lol|so
harassment:.45 #weak | no one *3 ^likes|loves|wants|needs|love|cares|care him|her|them $|,|here|around|anymore|at|and|lol|so
harassment:.45 #weak | everyone|everybody|we|people|all *3 ^hates|hate|laughs|laugh|laughing at? him|her|them $|,|and|so|here|lol
harassment:.65 !>victim !victim | i|we|s|lets|let|all|and|should|will|ll|gonna|wanna|us ^gang|ganging up on|against him|her|them|the|this|that|our
harassment:.75 | mean|nasty|cruel|hurtful|hateful|insulting|rude|abusive|humiliating|degrading|vicious ^[msgNoun] about|to|for|at him|her|them
harassment:.75 | mean|nasty|cruel|hurtful|hateful|insulting|rude|abusive|humiliating|degrading|vicious ^[msgNoun] about|to|for|at my|her|his|this|that|our|the|their new? @person|@member
harassment:.65 | ^keep messaging|texting|calling|emailing|dming|following|stalking|harassing|bothering him|her|them *5 until|till he|she|they breaks|cracks|cries|gives|snaps|quits|leaves|blocks|breaks|kills|moves
harassment:.65 | messaging|texting|calling|emailing|dming|harass|harassing|contact|contacting|message|text|call|email him|her|them|me|you? ^from different|new|fake|multiple|other|burner|anonymous|several numbers|accounts|profiles|emails|phones|number|account
harassment:.75 | ^post|share|leak|publish|spread|dox|doxx|posting|sharing|leaking his|her|their home? address|number|phone|location|details|info|workplace *7 online|publicly|everywhere|chan|reddit|twitter|internet|forum|forums|people|everyone|facebook|tiktok
harassment:.7 | help|me|i|we|ill|lets|s|to|want|gonna ^ruin|destroy|wreck|tank his|her|their|my|this|that|someone|somebody @person? s? life|career|reputation|marriage|business|relationship|name
harassment:.7 | fake|false ^review|reviews|accusation|accusations|allegations|rumours|rumors|report|reports|post|posts accusing|claiming|saying|alleging|that the|my|his|her|this|that? @person|him|her|them|he|she|they
harassment:.7 | fake|false ^review|reviews|accusation|accusations|allegations|rumours|rumors|report|reports|post|posts accusing|claiming|saying|alleging *6 pedophile|paedophile|pedo|rapist|racist|thief|abuser|molester|criminal|fraud|scammer|cheater|nazi|predator|groomer
harassment:.2 #req | write|draft|compose|create|generate|craft|make|prepare|send|post|leave|give|help|type|need|want|come|think *4 ^[msgNoun]

self_harm:.75 harassment:.7 | @you|she|he|they should|must|gotta|better|need|needs|ought just? to? ^stop|quit eating for a|two|three|several|few|whole|entire? week|weeks|month|months|year
harassment:.65 self_harm:.65 !reportedFeel !>victim | nobody|noone|none|one|who *3 ^care|cares|notice|miss|mourn him|her|them? if|when he|she|they died|dies|jumped|jumps|killed|kills|hung|hangs|overdosed|disappeared|vanished
self_harm:.8 harassment:.75 | ^favour|favor|favr if|by @you|u just? ended|end|ending|killed|kill|killing|offed|hanged|hung it|yourself|urself|$
self_harm:.7 harassment:.65 ~[firstp] !>symptom | ^keep|continue purging|puking|vomiting $|,|you|u|fatty|fatso|loser|bitch|until|till
self_harm:.7 harassment:.65 ~[stopNot] !>symptom | fat|fatty|fatso|pig|cow|whale|weight|kg|kilos|pounds|lbs|chubby|obese|ugly|lost|lose|losing|thinner|skinnier *6 ^stop|quit eating $|,|already|lol|now|pls|please
self_harm:.8 harassment:.75 | why @you|he|she|they hasn|haven|hasnt|havent|didn|doesn|don|dont t? *1 ^killed|hanged|hung|shot|offed|drowned|kill|hang|shoot himself|herself|yourself|themselves|urself yet|already
# --- self-harm: instructions and methods (no one else is aimed at) ---
self_harm:.8 | how|what ^many|much *6 to|take|takes|until|till overdose|od|die|dying
self_harm:.8 | how|what ^many|much *6 to|takes|take|until|till|would|will|could|can kill|end myself|me|my
self_harm:.8 | ^enough [pills] *3 to die|overdose|od|kill|end|never|not
self_harm:.8 | ^lethal|fatal|deadly dose|amount *5 to|so|for die|kill|end|myself|me
self_harm:.8 !fiction !>fiction | best|easiest|quickest|fastest|painless|painlessly|surest|quietest|effective|reliable|good|quick|least|most|simplest *2 ^way|ways|method|methods to|of die|dying|suicide|overdose|od|hang|slit|bleed
self_harm:.8 | best|easiest|quickest|fastest|painless|painlessly|surest|quietest|effective|reliable|good|quick|least|most|simplest *2 ^way|ways|method|methods to|of kill|end|hurt|cut|harm|off|starve|poison myself
self_harm:.8 | best|easiest|quickest|fastest|painless|painlessly|surest|quietest|effective|reliable|good|quick|least|most|simplest *2 ^way|ways|method|methods to|of end|take my life
self_harm:.8 | best|easiest|quickest|fastest|painless|painlessly|surest|quietest|effective|reliable|good|quick|least|most|simplest *2 ^way|ways|method|methods to|of cut|slit my wrists|wrist|veins|arms|thighs
self_harm:.8 | ^way|ways|how to|do|can|should i? cut deep|deeper|deepest $|without|so|enough|myself
self_harm:.7 | how|way|ways|where to|do|can|should i? ^hide my? cuts|cutting|scars|selfharm|self
self_harm:.85 | how|ways|way|methods|method|best|easiest|help to|me? ^commit suicide
self_harm:.85 | how|ways|way|methods|method|best|easiest|help to|me? ^hang|kill|shoot|drown|poison myself
self_harm:.7 | ^suicide method|methods|techniques|instructions|tips|guide
self_harm:.85 | how|ways|way|where|best|easiest|painless|painlessly to|can|do i? ^die painlessly|quickly|peacefully|fast|quietly|tonight|$

# --- hate against a group: a group and a generalising, dehumanising or criminalising statement ---
identity_attack:.8 !meta !fiction !>fiction !>metaAfter | ^@group|@groupAdj @person|@member? are|r|re|were|is|be|being [genfill]*4 [crim]
identity_attack:.75 !meta !>metaAfter | ^@group|@groupAdj @person|@member? are|r|re|is|secretly|really|all*2 control|controls|run|runs|own|owns|rule|rules the? [power]
identity_attack:.85 threat:.8 !meta !>metaAfter | ^@group|@groupAdj @person|@member? should|must|need|needs|ought|deserve|deserves|gotta|to|all*3 be|get all? [violentPp]
identity_attack:.75 !meta !>metaAfter | ^@group|@groupAdj @person|@member? should|must|need|needs|ought|gotta|to|all*3 be|get all? [removePp]
identity_attack:.75 !meta !>metaAfter | ^@group|@groupAdj @person|@member? should|must|need|needs|gotta|all*2 go back to? where|their|home|$
identity_attack:.75 !meta !>metaAfter | ^@group|@groupAdj @person|@member? should|must|need|needs|gotta|all*2 go back to the? desert|deserts|jungle|jungles|cave|caves|africa|asia|mexico|india|china|pakistan|arabia|country|countries|hut|huts|trees|tree|zoo|shithole|shitholes
identity_attack:.8 !meta !>metaAfter | ^@group|@groupAdj @person|@member? do|does|should|shall*2 @negation t? deserve|deserves *2 [rights]
identity_attack:.75 !meta !>metaAfter | ^@group|@groupAdj @person|@member? should|must|shall? @negation t? be allowed to
identity_attack:.8 !meta !>metaAfter | ^@group|@groupAdj @person|@member? have|has no right|rights to exist|live|be|vote|breathe
identity_attack:.85 !meta !>metaAfter | ^@group|@groupAdj @person|@member? are|r|re|is? aren|isn|not t? even? real? human|humans|people|persons
identity_attack:.75 !meta !>metaAfter | ^@group|@groupAdj @person|@member? are|r|re|is all? ruining|destroying|invading|infesting|poisoning|polluting|overrunning|infecting|corrupting|degrading|raping|outbreeding
identity_attack:.7 !meta !>metaAfter | ^@group|@groupAdj @person|@member? ruin|ruined|destroy|destroyed|infest|invade|poison|pollute|corrupt everything|this|our|society|america|europe|britain|civilization|civilisation
identity_attack:.65 !meta !>metaAfter | ^@group|@groupAdj @person|@member? are|r|re|is taking|stealing our jobs|country|homes|women|land|benefits
identity_attack:.65 !meta !>metaAfter | ^@group|@groupAdj @person|@member? are|r|re|is taking over $|our|this|everything|europe|america|britain
identity_attack:.85 !meta !>metaAfter | ^@group|@groupAdj @person|@member? breed|multiply like
identity_attack:.7 !meta !>metaAfter | ^@group|@groupAdj @person|@member? belong|belongs in|on|at the? [cage]
identity_attack:.8 !meta !>metaAfter | ^@group|@groupAdj @person|@member? are|r|re|is [genfill]*2 mentally ill|disturbed
identity_attack:.85 threat:.7 | only good @group|@groupAdj @person|@member? is|are a? ^dead
identity_attack:.8 | hitler|nazis|nazi was|were|is|are ^right
identity_attack:.8 !meta | holocaust *2 never|didn|did|not t? ^happen|happened
identity_attack:.8 !meta | holocaust *3 ^hoax|fake|exaggerated|overblown|myth|fabricated|lie
identity_attack:.7 !meta | trans|transgender women|woman are|is|r just|really|only? ^men|man|males|male
identity_attack:.7 !meta | trans|transgender men|man are|is|r just|really|only? ^women|woman|females|female
identity_attack:.8 threat:.8 !meta | ^exterminate|eradicate|purge|cleanse|sterilize|sterilise|annihilate|genocide all? the? these? those? @group
identity_attack:.85 threat:.7 | only good @group|@groupAdj @person|@member? is|are a? ^dead
identity_attack:.8 | hitler|nazis|nazi was|were|is|are ^right
identity_attack:.8 !meta | holocaust *2 never|didn|did|not t? ^happen|happened
identity_attack:.8 !meta | holocaust *3 ^hoax|fake|exaggerated|overblown|myth|fabricated|lie
identity_attack:.7 !meta | trans|transgender women|woman are|is|r just|really|only? ^men|man|males|male
identity_attack:.7 !meta | trans|transgender men|man are|is|r just|really|only? ^women|woman|females|female
identity_attack:.8 threat:.8 !meta | ^exterminate|eradicate|purge|cleanse|sterilize|sterilise|annihilate|genocide all? the? these? those? @groupAdj @person|@member
identity_attack:.75 !meta !news | ^deport|expel all the? these? those? @group
identity_attack:.75 !meta !news | ^deport|expel all the? these? those? @groupAdj @person|@member
identity_attack:.75 !meta | get ^rid of all? the? these? those? @group
identity_attack:.75 !meta | get ^rid of all? the? these? those? @groupAdj @person|@member
# stereotypes and inferiority claims, without a listed insult
identity_attack:.75 !meta !>metaAfter ~[poss] | ^@group|@groupAdj @person|@member? are|r|re|were|is [genfill]*3 too [tooAdj] to
identity_attack:.7 !meta !>metaAfter !fiction ~[poss] | ^@group|@groupAdj @person|@member? are|r|re|is [genfill]*3 [stereo]
identity_attack:.75 !meta !>metaAfter !fiction | ^@group|@groupAdj @person|@member? [bridge] *5 are|r|re|were|is [genfill]*3 [crim]
identity_attack:.7 !meta !>metaAfter !fiction | ^@group|@groupAdj @person|@member? [bridge] *5 are|r|re|is [genfill]*3 [stereo]
identity_attack:.75 !meta !>metaAfter !fiction | ^@group|@groupAdj @person|@member? *4 and are|r|re|were|is [genfill]*3 [crim]|[stereo]
identity_attack:.7 !meta !>metaAfter !fiction | ^@group|@groupAdj @person|@member? *4 and are|r|re|is [genfill]*2 only good|fit|useful for
identity_attack:.7 !meta !>metaAfter ~[poss] | ^@group|@groupAdj @person|@member? all? smell|stink|reek|stinks|smells and steal|rob|beg|lie|cheat|breed|are|never|don|dont|live|spread|carry
identity_attack:.75 !meta | make|making life so? ^miserable|hell|unbearable|impossible|difficult|hard|horrible|awful for the|these|those|all? @group|@groupAdj @person|@member? *4 leave|go|quit|move|leaves|goes|flee
harassment:.7 | make|making life so? ^miserable|hell|unbearable|impossible|difficult|hard|horrible|awful for them|him|her *4 leave|go|quit|move|leaves|goes|quits|flee
identity_attack:.7 !meta !>metaAfter ~[poss] | ^@group|@groupAdj @person|@member? are|r|re|is [genfill]*2 bad|terrible|horrible|awful|shit|shitty|lousy|crap|worst [badAt]
identity_attack:.7 !meta !>metaAfter !>lawCtx | ^@group|@groupAdj @person|@member? can|cant|cannot|never t? not? drive|think|cook|lead|learn|reason|govern
identity_attack:.75 !meta !>metaAfter | ^@group|@groupAdj @person|@member? can|cant|cannot|never|should t? not? never? be trusted
identity_attack:.75 !meta !>metaAfter !>victim | never|not|don|dont|wont|won|shouldn|wouldn|t *4 marry|date|befriend|trust|hire a|an|any|the|those|these? ^@group|@groupAdj
identity_attack:.75 !meta !>metaAfter | ^@group|@groupAdj @person|@member? *5 need|needs a|the real|good|right|proper|strong man|dick|cock|dicking
identity_attack:.7 !meta !>metaAfter | keep|kick|throw|drive|chase|run|ban|block those|these|the|all|them|every|any? ^@group|@groupAdj @person|@member? out|away
identity_attack:.8 !meta !>metaAfter | ^@group|@groupAdj @person|@member? are|r|re|is to blame for everything|all|every|our
identity_attack:.8 !meta !>metaAfter | ^@group|@groupAdj @person|@member? are|r|re|is responsible for everything
identity_attack:.7 !meta !>metaAfter ~[qaux] | ^@group|@groupAdj @person|@member? all|just|only|always? eat|eats dogs|dog|cats|cat|rats|bats|garbage|anything|insects|bugs
identity_attack:.7 !meta !>metaAfter ~[qaux] | ^@group|@groupAdj @person|@member? all|just|only|always? spread|spreads|carry|carries disease|diseases|aids|hiv|covid|viruses|germs|plague
identity_attack:.75 !meta !>metaAfter ~[qaux] | ^@group|@groupAdj @person|@member? only|just|all? come|came|coming here|over to steal|sell|rape|leech|take|scrounge|bomb|kill|deal|breed|mooch
identity_attack:.75 !meta !>metaAfter ~[qaux] | ^@group|@groupAdj @person|@member? rape|raped|rob|steal|kill|murder|attack|molest|groom our|your|white|innocent women|children|kids|girls|daughters|jobs|wives
identity_attack:.75 !meta !>metaAfter | ^@group|@groupAdj @person|@member? are|r|re|is just? property
identity_attack:.7 !meta !>metaAfter | ^@group|@groupAdj @person|@member? should|must|need|needs|have to? always? obey|serve|submit
identity_attack:.7 !meta !>metaAfter | ^@group|@groupAdj @person|@member? are|r|re|will|ll|all going|go|burn|rot|gonna to|in hell
identity_attack:.65 !>metaAfter | ^why are|r|do|does all? the? @group|@groupAdj @person|@member? so|always|all|such *1 [stereo]
identity_attack:.65 !>metaAfter | ^why are|r|do|does all? the? @group|@groupAdj @person|@member? so|always? good with money
identity_attack:.75 !meta !>metaAfter ~[poss] | ^@group|@groupAdj @person|@member? are|r|re|is [genfill]*3 less intelligent|smart|human|evolved|capable|civilized|civilised|worthy
identity_attack:.7 !meta !>metaAfter ~[poss] | ^@group|@groupAdj @person|@member? all? smell|stink|reek|stinks|smells $|,|like|bad|awful|terrible|disgusting|of|so|funny|weird|horrible
identity_attack:.7 !meta !>metaAfter ~[poss] | ^@group|@groupAdj @person|@member? are|r|re|is [genfill]*2 only good|fit|useful for
identity_attack:.7 !meta !>metaAfter ~[poss] | ^@group|@groupAdj @person|@member? are|r|re|is [genfill]*2 good|fit for nothing
identity_attack:.7 !meta !>metaAfter !news !>news ~[poss] | ^@group|@groupAdj @person|@member? are|r|re? all? swarm|swarming|infest|infesting|overrun|overrunning|invade
identity_attack:.75 !meta !>metaAfter | ^@group|@groupAdj @person|@member? just|all|really|only? need|needs a|the real|good|right|proper|strong man|dick|cock|dicking|beating|slap
identity_attack:.75 !meta !>metaAfter | ^@group|@groupAdj @person|@member? just|all|really|only? need|needs|should|must|gotta|have *5 fix|fixed|cure|cured|convert|converted|straighten|straightened|corrected them|$|out
identity_attack:.7 !meta !>metaAfter | ^@group|@groupAdj @person|@member? should|must|need|needs|gotta|better|belong|belongs|stay|stays|go|get|to *3 back? in|into|to the kitchen|kitchens
identity_attack:.7 !meta !>metaAfter | ^@group|@groupAdj @person|@member? should|must|need|needs|gotta|better|to *2 know|learn their place
identity_attack:.75 !meta !>metaAfter | ^@group|@groupAdj @person|@member? don|dont|do|does|doesn|never|not*2 t? belong here|there
identity_attack:.75 !meta !>metaAfter | ^@group|@groupAdj @person|@member? don|dont|do|does|doesn|never|not*2 t? belong in|to $|,|this|our|america|europe|england|britain|the|society|civilized|civilised
identity_attack:.75 !meta !>metaAfter | ^@group|@groupAdj @person|@member? are|r|re|is not|aren|isn|never t? welcome|wanted
identity_attack:.75 !meta !>metaAfter | don|dont|never|not|nobody|won|wont|shouldn|should t? hire|employ|promote|trust|serve|date|marry a|an|any|the|those|these? ^@group|@groupAdj
identity_attack:.75 !meta !>metaAfter | don|dont|never|not|nobody|won|wont|shouldn|should t? rent|sell|let your|ur|my|a|the|any? house|flat|apartment|room|home|property|place? to a|an|any|the|those|these? ^@group|@groupAdj
identity_attack:.75 | ^go back to your|ur|yo own country|countries
identity_attack:.8 | ^go back to your|ur|yo shithole|jungle|cave|desert|hut|tribe
identity_attack:.75 | ^go back to? where you|u|ya|they came|come from

# --- veiled threats from knowing someone's life, with an implied consequence ---
threat:.7 !news !fiction !>fiction | think|consider carefully|twice|hard|long *3 ^before|about @you|he|she|they testify|testifies|snitch|snitches|rat|rats|cooperate|cooperates
threat:.75 !news !fiction !>fiction | your|ur|his|her|their little|precious|sweet? [kin]|girl|boy|girls|boys|ones|one might|may|could|won|wont|will|would|not|t|never*3 ^make|get it? home|back from school|alive|safe|safely
threat:.7 !news !fiction !>fiction | pity|shame|tragedy|sad if|when ^your|ur|his|her|their little|lovely|nice|pretty|precious|new|old? [kin]|[shameTarget]|mother|tires|tyres|windows|dog|car|face|business|job *6 got|gets|caught|burned|burnt|broke|broken|hurt|disappeared|vanished|died|had|met|went|fell|were|was|found|lost|ended|accident|fire|missing|hit
threat:.7 | @you|he|she|they think|thought @you|u|he|she|they re|are|r|s|is|d|will|ll? be? ^safe because|cause|cuz|bc|since|now|just *4 moved|move|left|changed|blocked|hiding|hid|moving|ran|switched
threat:.75 !>benignAddr | i|we|ive|weve know|knw|found ^which|what school|bus|route|gym|street|building|house|class|playground your|ur|his|her|their little? [kin]
threat:.65 !news !fiction | if|when @you|he|she|they|u keep|keeps|continue|continues|don|doesn|dont|doesnt *6 something|accidents|accident bad|terrible|unfortunate? might|could|will|may|s|gonna|is|going to? ^happen|happens
# --- coercion: do it or they see it ---
threat:.8 !victim !>victim | or|unless|else *6 [audience] *3 ^gets|get|sees|see|receives|receive|hears|hear|watches|watch|reads|read the|your|those|these|a|my|all|every? [image]|recording|recordings|file|files|chats|messages|screenshots|emails|texts|nudes|tape
sexual:.7 !victim !>victim | or|unless|else *6 [audience] *3 ^gets|get|sees|see|receives|receive|watches|watch the|your|those|these|my|all? [intimate]|nudes
threat:.8 !victim !>victim | or|unless|else i|ill|we|im m|ll|will|gonna|going|am|re*2 to? ^sending|send|post|posting|forward|forwarding|show|showing|leak|leaking|share|sharing the|these|those|what|everything|all|them|my|your *3 ones|pics|photos|videos|video|recording|recordings|screenshots|file|files|chats|messages|have|got|it|them|nudes *4 to|with your|ur|his|her|all|the|everyone|everybody? [audience]
threat:.8 !victim !>victim | or|unless|else the|those|these|your|my|all? ^[image]|recording|recordings|nudes|file|files|chats|screenshots go|goes|get|gets|going|will|are*2 sent|straight? to your|ur|his|her|all? [audience]
# --- harassment plans ---
harassment:.7 !victim !>victim | ways|way|how|tips|ideas|help|best|trying|try|want|wanna|do to|me|i|we? ^make|get my|this|that|the|our|his|her|new|your? *3 cry|quit|resign|miserable|suffer|sob|breakdown|meltdown
harassment:.65 | messages|texts|calls|emails|dms|message|text ^from different|new|fake|multiple|burner|anonymous|random numbers|accounts|profiles|phones|number|account
harassment:.65 | so|until|til|till he|she|they|him|her never|cant|doesn|dont|can|t*2 gets|has|get|have|find a|any? ^moment|moments s? of? peace|rest
harassment:.7 !meta | ^make|making everyone|everybody|people|all|the|whole|her|his|their *3 think|believe he|she|they|hes|shes|theyre|him|her s|is|are|re|was? a|an|some? [accuse]
harassment:.7 | fake|false ^review|reviews|post|posts *6 so|until it|her|his|their|the|he|she|they *3 goes|go|closes|close|fails|fail|shut|shuts|bankrupt|under|loses|lose
# --- conspiracy hate ---
identity_attack:.75 !meta !>metaAfter | ^@group|@groupAdj @person|@member? are|r|re|is|were|secretly|really|always*2 behind every|all|each|most|the? the|these|those? *1 war|wars|attack|attacks|pandemic|pandemics|crisis|crises|everything|terrorism|recession|crime|crimes|shooting|shootings|bombing|bombings|problem|problems|disease|diseases
identity_attack:.75 !meta !>metaAfter | ^@group|@groupAdj @person|@member? profit|profits|profited|profiteer|getting|get|got|grow|make|made rich|fat? from|off our|the|every|all? dead|wars|war|suffering|misery|deaths|blood|pain
identity_attack:.7 !meta !>metaAfter | ^@group|@groupAdj @person|@member? are|r|re|is|secretly|really? poison|poisons|poisoning|poisoned our|the water|food|wells|children|kids|vaccines|minds|air
identity_attack:.7 !meta !>metaAfter | ^@group|@groupAdj @person|@member? are|r|re|is|secretly|really|all*2 running|controlling|owning the? [power]
# --- Hinglish: no brains, aimed at the reader ---
insult:.7 | ^dimaag|dimag|dimaagh|akal|akl|akkal|aql|bheja nahi|nai|nahin|nhi|hi hai|h|he? tere|tumhare|tumhre|aapke|teri|tera? paas|pas|mein|me|mai
insult:.7 | tere|tumhare|tumhre|teri|tera|tujh|tujhme|tujhe|tumme paas|pas|mein|me|mai? ^dimaag|dimag|akal|akl|akkal|aql|bheja nahi|nai|nahin|nhi|hi|kam
insult:.7 | tu|tum|aap|tujhse|abe|abey ^bewakoof|bewakuf|bevakoof|buddhu|budhu|murkh|pagal|gadha|gadhe|ullu hai|ho|h|he|$|,
`;
