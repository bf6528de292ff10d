/**
 * Word lists for personal-data.ts: common first names in the Netherlands
 * (Dutch and of the larger migrant communities), capitalised words that are
 * never part of a name (function words, organisations, departments, places,
 * months), endings of job titles and the local parts of functional mailboxes.
 */
const list = (s: string) => s.split(/\s+/).filter(Boolean);

export const FIRST_NAMES = new Set(
  list(`
  Aad Aart Adam Adri Adriaan Ahmed Ahmet Albert Alexander Ali Anand André Andrei Andries Anton Antonio Arie Arjan Arjen
  Arnold Arthur Ayoub Bart Bas Bastiaan Ben Bert Bilal Bob Bram Brahim Burak Carlos Casper Cees Cem Chris Christiaan
  Daan Daniel Daniël David Dennis Dick Dirk Douwe Driss Edwin Emre Erik Erkan Ernst Erwin Evert Faisal Ferdinand Finn
  Floris Frank Frans Fred Freek Gerard Gerben Gerrit Gert Gijs Giovanni Glenn Guus Hakan Hamza Hans Harm Harry Hassan
  Hendrik Henk Herman Hidde Hugo Hussein Ibrahim Ilias Imran Ivo Jaap Jacob Jakob Jamal Jan Jasper Jelle Jelmer Jeroen
  Jesse Joep Johan Johannes Jonas Joop Joost Jordy Joris Jos José Jose Juan Julian Jurre Kees Kemal Kevin Khalid Karim
  Klaas Koen Krzysztof Lars Laurens Leon Levi Liam Luca Lucas Luuk Maarten Manuel Marcel Marco Marek Mark Martijn
  Martin Mathijs Matthijs Max Mees Mehmet Michiel Miguel Mihai Milan Mohamed Mohammed Mohammad Mounir Mourad Murat
  Mustafa Niels Nick Noah Nordin Olaf Olivier Omar Orhan Osman Paul Pawel Pedro Peter Piet Pieter Piotr Pim Quinten
  Rachid Rajesh Ramon Ravi Redouan Reinier Remco Rens Ricardo Richard Rick Rik Rob Robert Robin Roel Roy Ruben Rudi
  Ruud Rutger Ryan Samir Sander Sebastiaan Sem Serkan Sietse Sjaak Sjoerd Soufiane Stefan Stijn Sunil Sven Tarik Teun
  Theo Thijs Thomas Tim Tomasz Tom Ton Twan Ümit Umit Vincent Volkan Wessel Wil Willem Wim Wouter Wybren Yassine
  Youssef Yusuf Zakaria
  Aaltje Agnieszka Amira Ana Anja Anna Anne Annelies Annemarie Anouk Asma Astrid Ayşe Ayse Aylin Aysel Bianca Birgit
  Bo Carla Carmen Carolien Caroline Charlotte Chantal Claudia Corrie Daphne Demi Derya Dewi Diana Dilek Dina
  Dominique Elena Elif Elise Ellen Els Elske Emine Emma Esra Esther Eva Evelien Ewa Fatima Fatma Femke Fenna Fleur
  Floor Gerda Geertje Greetje Gül Gülsen Hafsa Hanan Hanna Hannah Hanneke Hatice Hayat Hilde Houda Hülya Ikram Ilse
  Ineke Inge Ingrid Ioana Iris Jacqueline Janneke Jantine Jasmijn Jet Joanna Joke Jolanda Josephine Julia Karin
  Katarzyna Khadija Kim Lara Latifa Laura Leyla Lieke Linda Lisa Lisanne Loes Lot Lotte Loubna Lucia Maaike
  Magdalena Malika Manon Margreet Maria Marian Marieke Marit Marja Marjolein Marleen Marloes Martine Melek Merel
  Meryem Mila Mirjam Miriam Monique Myrthe Nadia Naima Nathalie Nicole Nienke Nina Noor Nora Nour Nurten Özlem Petra
  Priscilla Renate Ria Rianne Rina Roos Rosa Salma Samira Sandra Sanne Sara Sarah Saskia Selin Sevda Sevgi Sibel
  Simone Sofie Songül Sophie Souad Sterre Suzanne Tamara Tanja Tessa Thirza Tineke Trees Truus Vera Wendy Willemijn
  Wilma Yasmin Yasmina Yvette Yvonne Zehra Zeynep Zoë
  `),
);

/** First names that are also words, or open a sentence as words: alone they count only mid-sentence. */
export const AMBIGUOUS_FIRST_NAMES = new Set(list('Wil Ben Mark Bas Hans Lot Frank Rob Roos Bo Floor Iris Fleur Noor Rosa Kim Jet Max Sem'));

/** Lower case. Capitalised words that are never (part of) a person's name here. */
export const STOP_WORDS = new Set(
  list(`
  de het een ik wij we hij zij ze u jij je dat dit die deze en maar of op in met voor na om over bij naar uit van aan
  tot per als wel niet geen ook dan toen nu er daarna vandaag gisteren morgen graag hierbij ja nee wat wie waar
  wanneer hoe waarom namens volgens via sinds tijdens omdat want zodat mijn uw ons onze hun haar zijn alle alles
  team afdeling directie bureau gemeente dienst toeslagen belastingdienst belastingen uwv svb duo cak cjib ind
  politie ombudsman nationale raad state staat rijksoverheid ministerie provincie waterschap stichting bank rechtbank
  justitie defensie kamer regering kabinet minister staatssecretaris zorgverzekeraar zorgkantoor jeugdzorg wijkteam
  klantcontact handhaving bezwaar beroep inkomen werk zorg jeugd klachten klacht klachtbehandeling publiekszaken
  burgerzaken vergunningen financiën financien juridische communicatie sociaal domein woo wob avg teams outlook
  whatsapp mijnoverheid digid toeslagen huurtoeslag zorgtoeslag kinderopvangtoeslag participatiewet bijstand
  amsterdam rotterdam utrecht haag groningen eindhoven tilburg almere breda nijmegen apeldoorn haarlem arnhem zaandam
  zwolle leiden maastricht dordrecht ede delft leeuwarden alkmaar emmen venlo deventer enschede amersfoort helmond
  heerlen hilversum schiedam purmerend gouda lelystad assen middelburg nederland holland europa brussel
  januari februari maart april mei juni juli augustus september oktober november december
  maandag dinsdag woensdag donderdag vrijdag zaterdag zondag
  college commissie staten griffie redactie brief bijlage onderwerp kenmerk datum betreft notitie telefoonnotitie verslag aantekening dossier zaak
  `),
);

/** Lower case. A word ending in one of these is a job title (teamleider, beleidsmedewerker, verzekeringsarts). */
export const JOB_TITLE_SUFFIXES = list(`
  medewerker medewerkster leider leidster manager adviseur adviseuse behandelaar behandelaarster jurist directeur
  directrice secretaris voorzitter coördinator coordinator consulent consulente onderzoeker onderzoekster arts agent
  inspecteur ambtenaar griffier woordvoerder wethouder burgemeester deurwaarder assistent assistente rechercheur
  advocaat coach secretaresse contactpersoon hoofd officier functionaris notulist controller specialist analist
  begeleider bemiddelaar mediator handhaver toezichthouder receptionist receptioniste telefonist telefoniste brigadier
  verpleegkundige psycholoog werker substituut-ombudsman
`);

/** Lower case. Local parts (or their first piece) of organisations' functional mailboxes. */
export const FUNCTIONAL_MAILBOXES = new Set(
  list(`
  info informatie contact klantenservice klachten klacht secretariaat post postbus noreply no-reply helpdesk
  servicedesk support woo wob administratie receptie communicatie pers persvoorlichting privacy fg avg webmaster
  office redactie balie loket publiekszaken burgerzaken vragen meldpunt hr personeelszaken bezwaar bezwaren
  facturen debiteuren crediteuren team afdeling ombudsman juridischezaken
  `),
);
