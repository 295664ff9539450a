"""Write the reports of the held-out gold events as plain-text files, one folder per event.

    .venv/bin/python benchmarks/gold_events.py OUTDIR

Writes OUTDIR/<event>/<source>.txt for the events whose hand-made gold lives in
``benchmarks/gold/<event>.json`` (the gold's ``sources`` are these file names without ``.txt``):

* ``ecb_11_plus``: ECB+ event ``11_plus`` (Turkmenistan's December 2013 parliamentary
  elections), five documents from ``events_ecbplus_dev.jsonl``; each file is the document's
  text as is, named by its ECB+ id without ``.xml``.
* ``basil_jackson_plea``: BASIL event ``f506aafc-…`` (Jesse Jackson Jr. pleads guilty,
  20 February 2013), three outlets from ``framing_basil_dev.jsonl``; each file is the title,
  a blank line, then the paragraphs joined by blank lines, named by the outlet (``fox``,
  ``hpo``, ``nyt``).
* ``fnc_elon_freshman``: an FNC-1 stance dev story (Elon University and the word "freshman":
  The College Fix reports that "first-year" replaced it "this fall"; the university says there
  is no ban; the texts carry no date), four bodies from ``stance_fnc1_dev_bodies.jsonl.gz``;
  each file is the body text as is, named ``b<body_id>``. The story was drawn, not chosen:
  headlines and bodies joined by agree or discuss rows form stories (connected components);
  among the 30 stories with 4 or 5 distinct bodies (first 300 characters differ) of 150 to
  700 words (``str.split``), listed by their alphabetically first headline,
  ``random.Random(24).shuffle`` put first the satirical "English names" story (skipped: one
  body is about the outlets it duped and their corrections, another mostly a columnist's
  reflections, so not one event) and second this one.
* ``fnc_tiger_island``: an FNC-1 stance dev story (Tiger Woods's former private island in Lake
  Mälaren, Sweden, listed for sale by Vladi Private Islands; the texts carry no date beyond
  "2015 debut ... later this month"), five bodies from ``stance_fnc1_dev_bodies.jsonl.gz``, each
  file the body text as is, named ``b<body_id>``. Drawn the same way as ``fnc_elon_freshman``
  from the same 30 stories but with ``random.Random(25).shuffle``: this story came first and
  was taken (one event, not the Elon story). Its gold was written by hand before any Rashomon
  command was run on these texts or any output for them was looked at.
* ``fnc_qingdao_twins``: an FNC-1 stance dev story (parents in Qingdao, China, try to sell
  their son on the street to pay for his twin sister's leukemia treatment; no date in the
  texts), five bodies, files as for the other FNC events. Drawn from the same 30 stories with
  ``random.Random(26).shuffle``: this story came first and was taken. Gold written by hand
  before any Rashomon output for these texts (session 12).
* ``fnc_gaza_dams``: an FNC-1 stance dev story (Palestinians evacuated as the Gaza Valley
  floods; Gaza officials say Israel opened dams, Israel denies it), bodies 1, 304, 1497, 1549,
  1595, files as above. Drawn from the same 30 stories with ``random.Random(27).shuffle``:
  first drawn, taken. Gold written by hand before any Rashomon output, at the end of session
  12, after that session's fixes: its first scoring is a held-out figure for them.
* ``fnc_apple_watch_specs``: an FNC-1 stance dev story (Cowen and Company analyst Timothy
  Arcuri's supply-chain note, reported via AppleInsider, on the Apple Watch's specifications:
  512MB of RAM, 4GB of storage as standard with a possible 8GB model, a wireless chip with a
  GPS radio; September 2014, no year in the texts), bodies 975, 996, 1201, 1568, files as
  above. Drawn from the same 30 stories with ``random.Random(28).shuffle``: first drawn,
  taken. Gold written by hand before any Rashomon output for these texts (session 13).
* ``basil_griffin_photo``: BASIL event ``d16050b3-…`` (Kathy Griffin's photo shoot with
  Tyler Shields holding a bloodied Trump head and her apology, 30-31 May 2017; nyt also covers
  Trump's and Melania Trump's reactions, CNN dropping her, and Trump's tweets about Carter Page),
  three outlets from ``framing_basil_dev.jsonl``, written like ``basil_jackson_plea``. The event
  was drawn, not chosen: the distinct BASIL dev event ids with exactly three outlets (50), sorted
  alphabetically, ``random.Random(26).shuffle``; this was first (one event, not the Jackson
  plea), so taken. Its gold was written by hand before any Rashomon command was run on these
  texts or any output for them was looked at.
* ``basil_clinton_taxes``: BASIL event ``6e502405-…`` (Hillary Clinton's campaign releases her
  tax returns back to 2007 and a doctor's letter on her health, 31 July 2015), three outlets
  from ``framing_basil_dev.jsonl``, written like ``basil_jackson_plea``. Drawn, not chosen:
  the same 50 event ids, sorted alphabetically, ``random.Random(27).shuffle``; this was first
  (not one of the two BASIL golds above, and one news event), so taken. Gold written by hand
  before any Rashomon output for these texts (session 12).

* ``basil_cruz_affair``: BASIL event ``59f2f47c-…`` (Ted Cruz blames Donald Trump for a National
  Enquirer story alleging he had affairs, Trump denies any role, amid their feud over an
  anti-Trump super PAC ad with a nude photo of Melania Trump and Trump's threat to "spill the
  beans" on Heidi Cruz, 25 March 2016; hpo covers only the Enquirer story, nyt only the wives'
  feud, fox both), three outlets, written like ``basil_jackson_plea``. Drawn: the same 50 event
  ids, sorted, ``random.Random(28).shuffle``; first drawn, taken. Gold written by hand before
  any Rashomon output for these texts (session 13).

* ``basil_indiana_rfra``: BASIL event ``4f473faf-…`` (the backlash against Indiana's
  Religious Freedom Restoration Act, signed by Gov. Mike Pence on 26 March 2015: Seattle's
  mayor and Washington's governor ban official travel to Indiana, Salesforce, Angie's List and
  the NCAA object, and Pence and Republican legislative leaders defend the law but say they
  will clarify it; reported 29-31 March 2015, nyt leading on Pence, hpo on Washington's ban,
  fox on the bans and the leaders' Monday press conference), three outlets, written like
  ``basil_jackson_plea``. Drawn: the same 50 event ids, sorted, ``random.Random(29).shuffle``;
  first drawn (none of the four BASIL golds above, one news event), taken. Gold written by hand
  before any Rashomon output for these texts (session 14).
* ``fnc_putin_bird``: an FNC-1 stance dev story (a viral YouTube video that seemed to show a
  bird pooping on Vladimir Putin's shoulder during his speech unveiling a First World War
  monument in Moscow, proved a hoax; the Washington Post, TIME and Vox.com published it as real
  and corrected, The Independent explained the fake; b1174 reports it as real; August 2014, only
  b1030 is dated, 'Monday 04 August 2014', the speech 'on Friday'), bodies 156, 1030, 1174, 1573,
  1629, files as for the other FNC events. Drawn from the same 30 stories with
  ``random.Random(29).shuffle``: first drawn, taken (one event: every body is about the same
  video and speech, the debunking and the duped outlets being the news itself; b156's appended
  AP story on Obama's call to Putin is kept only where it meets the others). Gold written by
  hand before any Rashomon output for these texts (session 14).
* ``basil_flynn_subpoena``: BASIL event ``df6a55fb-…`` (Congress and Michael Flynn after he
  invoked the Fifth Amendment: on Monday 22 May 2017 his lawyer said he would not comply with
  the Senate intelligence committee's subpoena for documents; on Tuesday the committee's
  leaders, Richard Burr and Mark Warner, subpoenaed two of his businesses; on Wednesday Rep.
  Adam Schiff said the House intelligence committee would subpoena Flynn; fox, 23 May, covers
  only the Senate subpoenas), three outlets, written like ``basil_jackson_plea``. Drawn: the
  same 50 event ids, sorted, ``random.Random(30).shuffle``; first drawn (none of the five BASIL
  golds above, one news event), taken. Gold written by hand before any Rashomon output for
  these texts (session 15).
* ``fnc_seinfeld_speedup``: an FNC-1 stance dev story (a YouTube comparison video, spread on
  Reddit, suggesting TBS airs its Seinfeld reruns 7.5 percent faster to fit about two more
  minutes of commercials per episode; b479 is the uploader's own account, b423 a column,
  b486 about sped-up shows in general; no date in the texts), bodies 423, 427, 479, 486, files
  as for the other FNC events. Drawn from the same 30 stories with ``random.Random(30).shuffle``:
  first drawn, taken (the four bodies report the same claim from the same video). Gold written
  by hand before any Rashomon output for these texts (session 15).
* ``basil_benghazi_emails``: BASIL event ``1bb79cc1-…`` (the White House releases, on
  Wednesday 15 May 2013, 100 pages of e-mails on how its talking points on the Benghazi attack
  were drafted, after leaked excerpts showed the State Department's Victoria Nuland objecting to
  references to earlier attacks; fox, dated 13 May, covers the leaked drafts and earlier cable
  warnings, hpo and nyt the release), three outlets, written like ``basil_jackson_plea``.
  Drawn: the same 50 event ids, sorted, ``random.Random(31).shuffle``; first drawn, taken.
  Gold written by hand before any Rashomon output for these texts (session 15, after that
  session's alignment changes: its first scoring is held out for them).
* ``fnc_airport_naked``: an FNC-1 stance dev story (a leaked security video of Georgy
  Myakinkin, a Pulkovo Airport worker in St Petersburg, stripping naked at a security scanner
  in protest at guards who asked him to remove his belt; police investigate; no date in the
  texts), bodies 153, 231, 866, 1581, files as for the other FNC events. Drawn from the same 30
  stories with ``random.Random(31).shuffle``: the Tiger island story came first (used), this
  one second, taken. Gold written by hand before any Rashomon output (session 15, held out
  for that session's changes).
* ``basil_birthright_citizenship``: BASIL event ``f688c56d-…`` (President Trump says in an "Axios on
  HBO" interview, taped Monday 29 October 2018 and released in part on Tuesday, that he will end
  birthright citizenship by executive order; Speaker Paul Ryan and other Republicans say it cannot
  be done that way; reported 30-31 October 2018), three outlets, written like
  ``basil_jackson_plea``. Drawn: the same 50 event ids, sorted, ``random.Random(32).shuffle``;
  first drawn, taken. Gold written by hand before any Rashomon output for these texts (session
  16, held out for that session's changes).
* ``fnc_watch_february``: an FNC-1 stance dev story (reports that the Apple Watch, unveiled on 9
  September and promised for "early 2015", will launch in February, while mass production is
  said not to start until January; 2014, no full date in the texts), bodies 565, 1098, 1255,
  1337, files as for the other FNC events. Drawn from the same 30 stories with
  ``random.Random(32).shuffle``: the Gaza dams story came first (used), this one second, taken.
  Gold written by hand before any Rashomon output (session 16, held out for that session's
  changes).
* ``basil_schumer_shutdown_deal``: BASIL event ``1ed4f378-…`` (on Monday 22 January 2018 Senate
  Democrats led by Chuck Schumer vote to end the three-day government shutdown in exchange for
  Mitch McConnell's promise of a Senate vote on immigration legislation for the "Dreamers", and
  liberal groups turn on Schumer; fox dated 23 January, hpo and nyt 22 January), three outlets,
  written like ``basil_jackson_plea``. Drawn: the same 50 event ids, sorted,
  ``random.Random(33).shuffle``; the birthright event came first (used), this one second, taken.
  Gold written by hand before any Rashomon output for these texts (session 17, held out for
  that session's changes).
* ``fnc_isis_mother_son``: an FNC-1 stance dev story (Yasir Abdulla, a British man from Keighley,
  West Yorkshire, who went to fight Islamic State with Kurdish forces, tells The Sun that IS
  militants in Mosul fed an elderly Kurdish woman her captured son; early 2015, no full date in
  the texts), bodies 123, 178, 863, 910, 1376, files as for the other FNC events. Drawn from the
  same 30 stories with ``random.Random(33).shuffle``: the Tiger island story came first (used),
  this one second, taken. Gold written by hand before any Rashomon output (session 17, held out
  for that session's changes).
* ``basil_mueller_report_release_demand``: BASIL event ``e71d149d-…`` (Democrats, 2020
  presidential candidates and six House committee chairs among them, demand the full and
  immediate release of Robert Mueller's report after he finished his Russia investigation on
  Friday 22 March 2019; fox, dated 25 March, writes after Attorney General Barr's summary, hpo
  and nyt on 22 March), three outlets, written like ``basil_jackson_plea``. Drawn: the same 50
  event ids, sorted, ``random.Random(34).shuffle``; first remaining after the nine BASIL golds
  above, taken. Gold written by hand before any Rashomon output for these texts (session 18,
  held out for that session's changes).
* ``fnc_ebay_apple_watch_app``: an FNC-1 stance dev story (an eBay job listing, first posted on
  its careers page in November and noticed on LinkedIn, for an engineer to build Apple Watch
  software that complements its iOS app; early 2015, no full date in the texts), bodies 1193,
  1380, 1469, 1574, files as for the other FNC events. Drawn from the same 30 stories with
  ``random.Random(34).shuffle``: the Tiger island story came first (used), this one second,
  taken. Gold written by hand before any Rashomon output (session 18, held out for that
  session's changes).
* ``basil_irs_same_sex_tax``: BASIL event ``70c744ad-…`` (the IRS and the Treasury announce that
  same-sex couples legally married in any state are married for federal tax purposes wherever
  they live, after the Supreme Court struck down part of the Defense of Marriage Act; 29 August
  2013), three outlets, written like ``basil_jackson_plea``. Drawn: the same 50 event ids,
  sorted, ``random.Random(35).shuffle``; first remaining after the ten BASIL golds above, taken.
  Gold written by hand before any Rashomon output for these texts (session 19, held out for
  that session's changes).
* ``fnc_eggnog_office_party``: an FNC-1 stance dev story (a Utah man chugs a quart of eggnog in
  12 seconds to win an office-party contest and spends three days in hospital with a lung
  infection; December, no year in the texts), bodies 125, 685, 747, 753, files as for the other
  FNC events. Drawn from the same 30 stories with ``random.Random(35).shuffle``: the first story
  not holding a body used above, taken. Gold written by hand before any Rashomon output
  (session 19, held out for that session's changes).
* ``basil_trump_border_emergency``: BASIL event ``3ae35b16-…`` (President Trump declares a
  national emergency at the southern border to fund a wall beyond what Congress granted, as he
  signs the spending bill that ended the risk of a second shutdown; 15 February 2019), three
  outlets, written like ``basil_jackson_plea``. Drawn: the same 50 event ids, sorted,
  ``random.Random(36).shuffle``; first remaining after the eleven BASIL golds above, taken.
  Gold written by hand before any Rashomon output for these texts (session 20, held out for
  that session's changes).
* ``fnc_comcast_tor``: an FNC-1 stance dev story (reports that Comcast agents told customers to
  stop using the Tor browser or lose their service, and Comcast's denial in a blog post;
  September 2014, no full date in the texts), bodies 233, 245, 361, 1008, 1278 (361 and 1278 are
  near-copies of one story), files as for the other FNC events. Drawn from the same 30 stories
  with ``random.Random(36).shuffle``: the first story not holding a body used above, taken. Gold
  written by hand before any Rashomon output (session 20, held out for that session's changes).
* ``basil_obama_veto_911``: BASIL event ``1b96a5db-…`` (Congress overrides President Obama's
  veto of the bill that lets families of 9/11 victims sue Saudi Arabia, the first override of
  his presidency; 28 September 2016), three outlets, written like ``basil_jackson_plea``. Drawn:
  the same 50 event ids, sorted, ``random.Random(37).shuffle``; first remaining after the twelve
  BASIL golds above, taken. Gold written by hand before any Rashomon output for these texts
  (session 21, held out for that session's changes).
* ``fnc_drone_raqqa``: an FNC-1 stance dev story (activists' images of a U.S. drone circling
  Raqqa, the Islamic State's capital in Syria; September 2014, no full date in the texts),
  bodies 136, 507, 958, 1073 (507 and 958 are near-copies of one story), files as for the other
  FNC events. Drawn from the same 30 stories with ``random.Random(37).shuffle``: the first story
  not holding a body used above, taken. Gold written by hand before any Rashomon output
  (session 21, held out for that session's changes).
* ``basil_trump_reopens_government``: BASIL event ``1e41e98b-…`` (President Trump signs a bill
  reopening the government for three weeks without wall money, ending the 35-day partial
  shutdown; 25 January 2019), three outlets, written like ``basil_jackson_plea``. Drawn: the
  same 50 event ids, sorted, ``random.Random(38).shuffle``; first remaining after the thirteen
  BASIL golds above, taken. Gold written by hand before any Rashomon output for these texts
  (session 22, held out for that session's changes).
* ``basil_trump_sworn_in``: BASIL event ``84b3c118-…`` (Donald Trump is sworn in as the 45th
  president and gives his inaugural address, 20 January 2017; hpo covers only his road to
  office), three outlets, written like ``basil_jackson_plea``. Drawn: the same 50 event ids,
  sorted, ``random.Random(39).shuffle``; first remaining after the fourteen BASIL golds above,
  taken. Gold written by hand before any Rashomon output for these texts (session 23, held out
  for that session's changes).
* ``basil_walmart_sex_bias``: BASIL event ``2058ec60-…`` (the Supreme Court hears argument in
  Wal-Mart v. Dukes, the sex-discrimination class action, 29 March 2011), three outlets,
  written like ``basil_jackson_plea``. Drawn: the same 50 event ids, sorted,
  ``random.Random(40).shuffle``; first remaining after the fifteen BASIL golds above, taken.
  Gold written by hand before any Rashomon output for these texts (session 24, held out for
  that session's changes).
* ``basil_bachmann_newsweek_cover``: BASIL event ``550b80db-…`` (Newsweek's "Queen of Rage"
  cover of Michele Bachmann draws criticism and Newsweek answers it, 8–9 August 2011), three
  outlets, written like ``basil_jackson_plea``. Drawn: the same 50 event ids, sorted,
  ``random.Random(41).shuffle``; first remaining after the sixteen BASIL golds above, taken.
  Gold written by hand before any Rashomon output for these texts (session 25, held out for
  that session's changes).
* ``basil_steele_rnc_decision``: BASIL event ``74708dbf-…`` (Michael Steele is expected to
  announce on a Monday-evening call with RNC members whether he will seek a second term as
  Republican National Committee chairman, while challengers line up, 12–13 December 2010),
  three outlets, written like ``basil_jackson_plea``. Drawn: the same 50 event ids, sorted,
  ``random.Random(42).shuffle``; first remaining after the seventeen BASIL golds above, taken.
  Gold written by hand before any Rashomon output for these texts (session 26, held out for
  that session's changes).
* ``basil_naacp_tea_party``: BASIL event ``97b1305c-…`` (the NAACP passes a resolution calling
  on the Tea Party to repudiate racist elements in its ranks; Tea Party leaders deny racism and
  answer, 13–14 July 2010), three outlets, written like ``basil_jackson_plea``. Drawn: the same
  50 event ids, sorted, ``random.Random(43).shuffle``; first remaining after the eighteen BASIL
  golds above, taken. Gold written by hand before any Rashomon output for these texts (session
  27, held out for that session's changes).
* ``basil_arizona_sb1062``: BASIL event ``58ed2376-…`` (Arizona Governor Jan Brewer is pressed to
  veto, then vetoes, the bill letting businesses cite religious beliefs to refuse service to
  gays, 24–26 February 2014; the reports span the days before and after the veto), three
  outlets, written like ``basil_jackson_plea``. Drawn: the same 50 event ids, sorted,
  ``random.Random(44).shuffle``; first remaining after the nineteen BASIL golds above, taken.
  Gold written by hand before any Rashomon output for these texts (session 28, held out for
  that session's changes).
* ``basil_gop_aide_obama_daughters``: BASIL event ``96b7046f-…`` (Elizabeth Lauten, a
  communications aide to Rep. Stephen Fincher, apologizes for a Facebook post criticizing Sasha
  and Malia Obama at the Thanksgiving turkey pardon; the New York Times, two days later, reports
  her resignation; 29 November – 1 December 2014), three outlets, written like
  ``basil_jackson_plea``. Drawn: the same 50 event ids, sorted, ``random.Random(45).shuffle``;
  first remaining after the twenty BASIL golds above, taken. Gold written by hand before any
  Rashomon output for these texts (session 29, held out for that session's changes).
* ``basil_ginsburg_trump_comments``: BASIL event ``8385a996-…`` (Justice Ruth Bader Ginsburg's
  remarks on Donald Trump's candidacy draw his call for her to resign and criticism from both
  parties; 10–13 July 2016; the outlets give the day her interview was published as Saturday or
  Sunday), three outlets, written like ``basil_jackson_plea``. Drawn: the same 50 event ids,
  sorted, ``random.Random(46).shuffle``; first remaining after the twenty-one BASIL golds
  above, taken. Gold written by hand before any Rashomon output for these texts (session 30,
  held out for that session's changes).
* ``basil_colorado_marijuana_lawsuit``: BASIL event ``b764f81f-…`` (Nebraska and Oklahoma sue
  Colorado in the Supreme Court over its legal marijuana market, which they say pushes the drug
  over their borders; 18–19 December 2014; the outlets differ on whether the suit seeks to undo
  the whole law or only its commercial side), three outlets, written like
  ``basil_jackson_plea``. Drawn: the same 50 event ids, sorted, ``random.Random(47).shuffle``;
  first remaining after the twenty-two BASIL golds above, taken. Gold written by hand before
  any Rashomon output for these texts (session 31, held out for that session's changes).
* ``basil_trump_huma_abedin``: BASIL event ``87609973-…`` (Donald Trump tweets that Huma
  Abedin, Hillary Clinton's aide, should be jailed for forwarding government passwords to a
  personal email account, and calls his Justice Department the "deep state"; 2 January 2018; no
  conflict between the outlets), three outlets, written like ``basil_jackson_plea``. Drawn: the
  same 50 event ids, sorted, ``random.Random(48).shuffle``; first remaining after the
  twenty-three BASIL golds above, taken. Gold written by hand before any Rashomon output for
  these texts (session 32, held out for that session's changes).
* ``basil_vicente_fox_trump_visit``: BASIL event ``8abec8d9-…`` (Vicente Fox, a former
  president of Mexico, scoffs at Donald Trump's visit to Mexico City, calls him a "false
  prophet" and faults President Enrique Peña Nieto for inviting him; 31 August 2016; the
  outlets quote Fox rejecting Trump's "visit" or his "message"), three outlets, written like
  ``basil_jackson_plea``. Drawn: the same 50 event ids, sorted, ``random.Random(49).shuffle``;
  first remaining after the twenty-four BASIL golds above, taken. Gold written by hand before
  any Rashomon output for these texts (session 33, held out for that session's changes).
* ``basil_steele_afghanistan_comments``: BASIL event ``2b95d2cf-…`` (Michael Steele, the
  Republican National Committee chairman, is filmed at a Connecticut fund-raiser calling the
  war in Afghanistan "a war of Obama's choosing" and doubting it can be won; Bill Kristol calls
  for his resignation, Republican senators rebuke him and Steele says America must win; 2–4
  July 2010; no conflict between the outlets), three outlets, written like
  ``basil_jackson_plea``. Drawn: the same 50 event ids, sorted, ``random.Random(50).shuffle``;
  first remaining after the twenty-five BASIL golds above, taken. Gold written by hand before
  any Rashomon output for these texts (session 34, held out for that session's changes).
* ``fnc_see_you_monday``: an FNC-1 stance dev story (Rodney Constantine, wanted by the Royal
  Newfoundland Constabulary, answers the police's Facebook post "See you Monday morn" and turns
  himself in; early 2015, no full date in the texts), bodies 399, 1049, 1536, 1656, files as
  for the other FNC events. Drawn from the same 30 stories with ``random.Random(38).shuffle``:
  the first story not holding a body used above, taken. Gold written by hand before any
  Rashomon output (session 22, held out for that session's changes).
* ``fnc_frisco_ebola_patient``: an FNC-1 stance dev story (a patient with Ebola symptoms who
  said he had contact with Thomas Eric Duncan walks into a CareNow clinic in Frisco, Texas, and
  is taken to hospital; October 2014, no year in most texts), bodies 51, 769, 1389, 1640, files
  as for the other FNC events. Drawn from the same 30 stories with ``random.Random(39).shuffle``:
  the first story not holding a body used above, taken. Gold written by hand before any
  Rashomon output (session 23, held out for that session's changes).
* ``fnc_queen_magic_mushrooms``: an FNC-1 stance dev story (Alan Titchmarsh finds fly agaric
  mushrooms, Amanita muscaria, in the Buckingham Palace garden while filming an ITV programme
  for Christmas Day; no date in the texts), bodies 71, 377, 820, 1200, 1305, files as for the
  other FNC events. Drawn from the same 30 stories with ``random.Random(40).shuffle``: the first
  story not holding a body used above, taken. Gold written by hand before any Rashomon output
  (session 24, held out for that session's changes).
* ``fnc_brokaw_williams``: an FNC-1 stance dev story (Tom Brokaw is reported to want Brian
  Williams fired after Williams admitted his story of being in a helicopter hit in Iraq was
  untrue; February 2015, no full date in the texts), bodies 33, 1039, 1156, 1454, files as for
  the other FNC events. Drawn from the same 30 stories with ``random.Random(41).shuffle``: the
  first story not holding a body used above, taken. Gold written by hand before any Rashomon
  output (session 25, held out for that session's changes).
* ``fnc_apple_watch_reservations``: an FNC-1 stance dev story (the Wall Street Journal reports
  that Apple will take reservations for trying on the Apple Watch in its stores and considered
  a platinum model; March 2015, no full date in the texts), bodies 335, 354, 511, 1179, 1647,
  files as for the other FNC events. Drawn from the same 30 stories with
  ``random.Random(42).shuffle``: the first story not holding a body used above (the satirical
  "English names" story skipped as for ``fnc_elon_freshman``), taken. Gold written by hand
  before any Rashomon output (session 26, held out for that session's changes).
* ``fnc_cesar_millan_hoax``: an FNC-1 stance dev story (a false report that Cesar Millan, the
  "Dog Whisperer", died of a heart attack spreads online; no full date in the texts), bodies
  784, 1357, 1455, 1538, files as for the other FNC events. Drawn from the same 30 stories with
  ``random.Random(43).shuffle``: the first story not holding a body used above, taken. Gold
  written by hand before any Rashomon output (session 27, held out for that session's changes).
* ``fnc_kim_snake_wine``: an FNC-1 stance dev story (the Daily Star's report that Kim Jong-un
  drinks cobra "snake wine" to boost his virility and father another child; no full date in the
  texts), bodies 50, 1384, 1559, 1661, files as for the other FNC events. Drawn from the same
  30 stories with ``random.Random(44).shuffle``: the first story not holding a body used above,
  taken. Gold written by hand before any Rashomon output (session 28, held out for that
  session's changes).
* ``fnc_isis_hostage_jordan``: an FNC-1 stance dev story (the Islamic State claims that Kayla
  Mueller, a 26-year-old American aid worker it held hostage, was killed in a Jordanian air
  strike on Raqqa; US and Jordanian officials see no evidence; February 2015, no full date in
  the texts), bodies 38, 176, 604, 1481, files as for the other FNC events. Drawn from the same
  30 stories with ``random.Random(45).shuffle``: the first story not holding a body used above,
  taken. Gold written by hand before any Rashomon output (session 29, held out for that
  session's changes).
* ``fnc_goldfish_surgery``: an FNC-1 stance dev story (a Norfolk man pays £300, about $460, for
  vet Faye Bethell to operate on his constipated goldfish at Toll Barn Veterinary Centre; no
  full date in the texts), bodies 467, 629, 891, 1143, files as for the other FNC events. Drawn
  from the same 30 stories with ``random.Random(46).shuffle``: the first story not holding a
  body used above, taken. Gold written by hand before any Rashomon output (session 30, held
  out for that session's changes).
* ``fnc_russian_yeti_footprint``: an FNC-1 stance dev story (a team in Russia's Adygea republic
  says it filmed a Yeti in snowy woods and took a plaster cast of its footprint; the reports
  differ on who Andrei Kazaryan is; no full date in the texts), bodies 350, 606, 739, 760, 1624,
  files as for the other FNC events. Drawn from the same 30 stories with
  ``random.Random(47).shuffle``: the first story not holding a body used above, taken. Gold
  written by hand before any Rashomon output (session 31, held out for that session's changes).
* ``fnc_apple_watch_march_launch``: an FNC-1 stance dev story (9to5Mac reports that the Apple
  Watch will ship in the U.S. by the end of March, with store staff trained in Cupertino or
  Austin in mid-February; the texts differ on the launch window Apple had given, "Spring 2015"
  or "early 2015"; no full date in the texts), bodies 369, 940, 946, 1344, 1409, files as for
  the other FNC events. Drawn from the same 30 stories with ``random.Random(48).shuffle``: the
  first story not holding a body used above, taken. Gold written by hand before any Rashomon
  output (session 32, held out for that session's changes).
* ``fnc_actor_testicles_stolen``: an FNC-1 stance dev story (a Russian actor says a young blonde
  woman he met at a Moscow bar after a performance drugged him at a sauna and that he woke to
  find his testicles surgically removed; the texts differ on his first name, Roman or Dmitry,
  and on where he was drugged; no full date in the texts), bodies 2, 131, 831, 1088, 1476,
  files as for the other FNC events. Drawn from the same 30 stories with
  ``random.Random(49).shuffle``: the first story not holding a body used above, taken. Gold
  written by hand before any Rashomon output (session 33, held out for that session's changes).
* ``fnc_judd_nelson_death_hoax``: an FNC-1 stance dev story (a Fox News impostor site reports
  that the actor Judd Nelson was found dead in a West Hollywood condo; his agent and manager
  deny it and send a photo of him holding that Sunday's newspaper; one body, 1359, is the hoax
  report itself, so the texts differ on whether he is dead and where he lives; no full date in
  the texts), bodies 762, 805, 1301, 1359, files as for the other FNC events. Drawn from the
  same 30 stories with ``random.Random(50).shuffle``: the first story not holding a body used
  above, taken. Gold written by hand before any Rashomon output (session 34, held out for that
  session's changes).

Reads only these dev files; the output is the same on every run.
"""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

EVAL = Path("/work/shared/eval")
ECB_FILE = EVAL / "events_ecbplus_dev.jsonl"
BASIL_FILE = EVAL / "framing_basil_dev.jsonl"
FNC_BODIES = EVAL / "stance_fnc1_dev_bodies.jsonl.gz"

ECB_EVENTS = {"ecb_11_plus": "11_plus"}
BASIL_EVENTS = {
    "basil_jackson_plea": "f506aafc-8b43-427a-936e-bbd1ef33e076",
    "basil_griffin_photo": "d16050b3-979f-4834-90db-b8823691b87e",
    "basil_clinton_taxes": "6e502405-bc90-4416-a787-3122918aa648",
    "basil_cruz_affair": "59f2f47c-5da0-4fbc-be6e-4f15d45d82e2",
    "basil_indiana_rfra": "4f473faf-f928-4cfd-8bed-00578be9db9a",
    "basil_flynn_subpoena": "df6a55fb-dfe5-4362-89a6-8c040d648a70",
    "basil_benghazi_emails": "1bb79cc1-5d69-4136-a23d-6dbd300cbf25",
    "basil_birthright_citizenship": "f688c56d-7fae-42ef-b7f7-7db207b58d27",
    "basil_schumer_shutdown_deal": "1ed4f378-b9d4-43b8-8d50-53d0cc063332",
    "basil_mueller_report_release_demand": "e71d149d-0426-43f0-87e8-8c611dad7205",
    "basil_irs_same_sex_tax": "70c744ad-e950-445c-8a7a-0782b0a7d20b",
    "basil_trump_border_emergency": "3ae35b16-7f7f-4a5e-9f24-5ce724106a73",
    "basil_obama_veto_911": "1b96a5db-8974-46d3-82d7-5dfef02f650e",
    "basil_trump_reopens_government": "1e41e98b-9ac1-441d-b2c2-19d8f730c74a",
    "basil_trump_sworn_in": "84b3c118-50d2-45a5-a91f-7ed95b5d0143",
    "basil_walmart_sex_bias": "2058ec60-5372-4f5f-83a3-da780be3a350",
    "basil_bachmann_newsweek_cover": "550b80db-bdd5-442b-8f70-c8e9f3203a13",
    "basil_steele_rnc_decision": "74708dbf-5dfc-4c66-8419-d7dbc00e4a06",
    "basil_naacp_tea_party": "97b1305c-13ca-4b74-a56a-f459bd79dfaf",
    "basil_arizona_sb1062": "58ed2376-35a0-453a-a08e-5cd87e3bdea5",
    "basil_gop_aide_obama_daughters": "96b7046f-f584-422f-a626-6f86a26dfd8b",
    "basil_ginsburg_trump_comments": "8385a996-1afc-4778-a06d-7070a8f19e27",
    "basil_colorado_marijuana_lawsuit": "b764f81f-6d08-4d7c-b1a8-8961bed0a455",
    "basil_trump_huma_abedin": "87609973-bd58-42a5-96e2-ee5aa47433f5",
    "basil_vicente_fox_trump_visit": "8abec8d9-50a2-480e-969a-157f94954f4d",
    "basil_steele_afghanistan_comments": "2b95d2cf-e979-4f9c-ae27-9a5370934f23",
}
FNC_EVENTS = {
    "fnc_elon_freshman": (977, 1256, 1583, 1665),
    "fnc_tiger_island": (59, 109, 742, 1322, 1546),
    "fnc_qingdao_twins": (163, 171, 1176, 1196, 1659),
    "fnc_gaza_dams": (1, 304, 1497, 1549, 1595),
    "fnc_apple_watch_specs": (975, 996, 1201, 1568),
    "fnc_putin_bird": (156, 1030, 1174, 1573, 1629),
    "fnc_seinfeld_speedup": (423, 427, 479, 486),
    "fnc_airport_naked": (153, 231, 866, 1581),
    "fnc_watch_february": (565, 1098, 1255, 1337),
    "fnc_isis_mother_son": (123, 178, 863, 910, 1376),
    "fnc_ebay_apple_watch_app": (1193, 1380, 1469, 1574),
    "fnc_eggnog_office_party": (125, 685, 747, 753),
    "fnc_comcast_tor": (233, 245, 361, 1008, 1278),
    "fnc_drone_raqqa": (136, 507, 958, 1073),
    "fnc_see_you_monday": (399, 1049, 1536, 1656),
    "fnc_frisco_ebola_patient": (51, 769, 1389, 1640),
    "fnc_queen_magic_mushrooms": (71, 377, 820, 1200, 1305),
    "fnc_brokaw_williams": (33, 1039, 1156, 1454),
    "fnc_apple_watch_reservations": (335, 354, 511, 1179, 1647),
    "fnc_cesar_millan_hoax": (784, 1357, 1455, 1538),
    "fnc_kim_snake_wine": (50, 1384, 1559, 1661),
    "fnc_isis_hostage_jordan": (38, 176, 604, 1481),
    "fnc_goldfish_surgery": (467, 629, 891, 1143),
    "fnc_russian_yeti_footprint": (350, 606, 739, 760, 1624),
    "fnc_apple_watch_march_launch": (369, 940, 946, 1344, 1409),
    "fnc_actor_testicles_stolen": (2, 131, 831, 1088, 1476),
    "fnc_judd_nelson_death_hoax": (762, 805, 1301, 1359),
}


def _rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def event_texts() -> dict[str, dict[str, str]]:
    """{event name: {source id: text}} for every gold event."""
    out: dict[str, dict[str, str]] = {}
    ecb = _rows(ECB_FILE)
    for name, label in ECB_EVENTS.items():
        docs = {r["id"].removesuffix(".xml"): r["text"] for r in ecb if r["event"] == label}
        out[name] = dict(sorted(docs.items()))
    basil = _rows(BASIL_FILE)
    for name, label in BASIL_EVENTS.items():
        docs = {}
        for r in basil:
            if r["event"] != label:
                continue
            body = "\n\n".join(p.strip() for p in r["paragraphs"] if p.strip())
            docs[r["outlet"].lower()] = f"{r['title'].strip()}\n\n{body}\n"
        out[name] = dict(sorted(docs.items()))
    if FNC_EVENTS:
        with gzip.open(FNC_BODIES, "rt", encoding="utf-8") as fh:
            bodies = {r["body_id"]: r["body"] for r in map(json.loads, fh) if r.get("body_id") is not None}
        for name, ids in FNC_EVENTS.items():
            out[name] = {f"b{i}": bodies[i] for i in ids}
    return out


def main() -> None:
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    root = Path(sys.argv[1])
    for name, docs in event_texts().items():
        folder = root / name
        folder.mkdir(parents=True, exist_ok=True)
        for stale in folder.glob("*.txt"):
            if stale.stem not in docs:
                stale.unlink()
        for source, text in docs.items():
            (folder / f"{source}.txt").write_text(text, encoding="utf-8")
        print(f"{folder}: {len(docs)} reports ({', '.join(docs)})")


if __name__ == "__main__":
    main()
