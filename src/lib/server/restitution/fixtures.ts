/**
 * Sample restitutions for tests, the benchmark and layout work: a realistic "typical large
 * session" (it must fit on one A4 page), a much larger one (it must spill into the appendix)
 * and one full of hostile text (it must come out as plain text everywhere).
 */
import type { ContributionItem, DiscussionTable, Restitution } from './model';

/** A small PNG (three overlapping discs, 192 × 96 px) standing in for an organiser's logo. */
export const SAMPLE_LOGO_PNG_BASE64 = [
	'iVBORw0KGgoAAAANSUhEUgAAAMAAAABgCAYAAABLwH3pAAAF5klEQVR42u2dwYrkVBiF6xHqDbpaR6zuqQ6FOCgiUq',
	'CLhoF2hkEz0zgYW6ERRRF6ZmwFiTi04r0v4KpcuHThzmWWLjO4cOGiXiGPELntTdHTXdWppO5N/qr6DvyrIqkszknO',
	'/9+T3E4HAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAABv2Do4HW4dnEZbB6fx1sFpYiufU8XvsT1m6Pv6AhUOAxVGgQ',
	'rjQIWJrXxOFb/H9hjv1zfR/eFE96OJ7scT3U9s5XOq+D22xwxhYPOE71ryjrcOTrNryL5oZfZc5pxdB4TvWvKOAxVm',
	'15B90crsucw5uw4I37XkHU90P7uG7ItWZs9lztmFoX7v9K5IXyaGYc07vSvSl4lhWPNO74r0ZWLgyeCQ+KMSW+OrzH',
	'+OFiD+qMTW+Crzn6MFiD8qsTW+yvznCAbXJ36vJeLPEkJvBvF7LRF/lhB6M4jfa4n4s4TQg9HVyB8LIP7lii+QPxZA',
	'/MsVXyB/LID4lyuG2Yv5/FQg+c9rOzxJ984OU4HkP699dSd9pgepQPIXldIfzCd/5LnBXapefPhV3j/5JN95cpQPfv',
	'hAHPkfqNv5L/qN/Df9Wv6XDnLBIjCNcgTj5Vuead04+iLfefzxczX4/qEY8h/r/fxX/fpzleihZBFgiS6QfyyZ/C8d',
	'f3aF/EXd/O7D1sn/SL9zhfxF/alfkS6CMeRfUfJLEMF15EcE2B7ntmdetWGHZtmeeYUdktnw5pIb3kXJPxVBg42xaX',
	'gXJX9RwhvjfGMaYzvqFDvt2X7/0f/TnooCMNOhvR8feCf/2+ru+bSnqgDMdOhvfVP6dGi4CQJIJd/9X/7yuDr5be1+',
	'85F3ASj9VmXyF/W7viX9KZDi+1fE97fRD1Tx/fQDMrM9Ysnfu/d4afIXtfeTeyv0prq3NPmL+kfvShdBbx0FkIi2Pp',
	'9/6kwAu99GzgXwVI+cCeAP/ap0ASTrGGkWS/4X7p84I//0KXB26Iz8t9W7zshfVKoH0kUw4u6/gnd/H08Bl3d/ngLt',
	'jD1zyWNP1+SfPgUcjEXN2NM1+YsSPhbN12Isug5xh7rlIiaxSNyhbhGT8E/+ruRFr97dr+stelVYHAt+vl+b/LfUe7',
	'UWvaosjv2rd6QvjnVXWQBrF3loMiJRJ/JARAL7I8L+uLBBPu0PNqgZAWSSBeDV/ly0QTUF4NP+XLRBwgWQMf1ZsemP',
	'i2mQz+kP0yD8fyP+f5k+oAn/Tx9A8K0ZAdQIyLkIvhGQY/W30dVfl6vCPlZ/WRVGAAgAATQmgFxyNUX+oqoKoCnyFy',
	'VcADkCQAAIAAEgAASAABAAAkAACAABIAAEgAAYgzIGZQyKABAAAiAKQRSCKARhOMJwhOGIQxOHJg7NCzG8EMMLMbwS',
	'ySuRvBJJH8BL8fh/PovCZ1H4LAo2iA9jYX+YBvFpRKY/rArzcVxWfxsUAJ9H5/Pom/t59A4bZLBBxiZvkNFhiyS2SN',
	'r0LZI6bJLHJnlsms02qWyTusHbpHbYKJuNsjd9o+x1jUgsE3loIiJB5IF+wFs/4NP3u+gH8P3EJLzFJFzEHXzGJIg7',
	'IAJvImiT/IuIAPJjh7zZoTZsTxU7hO1ZzcY4k9wYn0+Hnhw12vBWaYzNdMhMe4Q3vNnGNbwVR6Ri1wm2w5N07+wwlU',
	'b+ovbVnfSZHqSS5/wbM+pcQ0s0fWQHKowFCmB6fcZeYHnWIzskIUBnruFKNiVQYS9QYSKA+OYarlyfydOYUJmEYNva',
	'ZnsajFInLRG/NJIbqHDUkhDMf5Zen4kVtySEZO0izQL6g7HnRjmz/1HZpwYqHAYqHAcqzDySPrP/Ufn6jPc2Y0fbhP',
	'pscMf4fL9C6NqJkSsxFKQ351z6BexAhd1AhZFDMRSkN+dc+vrMS+ZmCuNQDAXpo5V/gX2FnwyRbZyTErtU/B7bY7zf',
	'qeyTIbKNc1Jil4rfY3uM9+uzT4bINs5JiV0qfo/tMdzpAQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAIBg/Aclt50+Qw',
	'3xAwAAAABJRU5ErkJggg=='
].join('');

function fr(text: string, key = false): ContributionItem {
	return { text, key, language: 'fr' };
}
function nl(text: string, key = false): ContributionItem {
	return { text, key, language: 'nl' };
}

const TYPICAL_TABLES: DiscussionTable[] = [
	{
		name: '1',
		priority: {
			fr: 'Accès rapide à un soutien psychologique pour les 12–25 ans',
			nl: 'Snelle toegang tot psychologische ondersteuning voor 12- tot 25-jarigen'
		},
		barriers: [
			fr('Listes d’attente de 3 à 6 mois en SSM', true),
			fr('Coût des consultations privées'),
			nl('Jongeren weten niet waar ze terechtkunnen', true),
			fr('Peur d’être étiqueté « fou »'),
			fr('Les garçons demandent moins d’aide'),
			nl('Financiële drempel bij privépsychologen')
		],
		levers: [
			fr('Séances gratuites « psy 1re ligne » (INAMI)', true),
			fr('Accueil sans rendez-vous en maison de jeunes', true),
			nl('Chat met een psycholoog, ook ’s avonds'),
			fr('Pairs-aidants formés à l’école'),
			fr('Brochure FR/NL des services 12–25 ans')
		],
		collaborations: [
			fr('Réunion mensuelle SSM – PMS – AMO', true),
			nl('Gedeelde wachtlijst in de zone'),
			fr('Convention de crise avec Bru-Stars'),
			fr('Intervision travailleurs de rue – psys')
		],
		actors: [
			fr('Services de santé mentale (SSM)', true),
			fr('Centres PMS / CLB'),
			fr('AMO et maisons de jeunes'),
			fr('Réseau Bru-Stars'),
			nl('Huisartsen en wijkgezondheidscentra'),
			fr('Échevinat de la jeunesse')
		],
		rapporteur: 'Aïcha Benali',
		justification: {
			text: 'Nous retenons l’accueil sans rendez-vous et la réunion mensuelle SSM–PMS–AMO : deux leviers activables dès cette année, sans moyens supplémentaires.',
			language: 'fr'
		}
	},
	{
		name: '2',
		priority: {
			fr: 'Renforcer le lien entre écoles, centres PMS et santé mentale',
			nl: 'De band tussen scholen, CLB’s en geestelijke gezondheidszorg versterken'
		},
		barriers: [
			nl('CLB kent de wijkdiensten niet', true),
			fr('Secret professionnel mal compris'),
			fr('Forte rotation du personnel scolaire'),
			nl('Geen overlegtijd voor leerkrachten', true),
			fr('Parents pas associés')
		],
		levers: [
			fr('Un référent santé mentale par école', true),
			nl('Gezamenlijke vorming school – CLB'),
			fr('Fiche de liaison commune'),
			fr('Ateliers « bien-être » en classe')
		],
		collaborations: [
			fr('Cellule locale écoles–PMS–SSM', true),
			nl('Warme overdracht CLB – GGZ'),
			fr('Agenda commun des formations')
		],
		actors: [
			fr('Directions d’écoles', true),
			nl('CLB’s en centres PMS'),
			fr('Services de santé mentale'),
			fr('Associations de parents'),
			fr('Médiation scolaire')
		],
		rapporteur: 'Koen Peeters',
		justification: {
			text: 'Zonder een vast aanspreekpunt in elke school blijft de samenwerking afhankelijk van goede wil. De cel voor lokaal overleg maakt dat structureel.',
			language: 'nl'
		}
	},
	{
		name: '3',
		priority: {
			fr: 'Logement d’urgence pour les jeunes en rupture familiale',
			nl: 'Noodopvang voor jongeren na een breuk met het gezin'
		},
		barriers: [
			fr('Aucune place d’urgence pour les 18–25 ans', true),
			nl('Lange OCMW-procedures voor leefloon'),
			fr('Centres pour adultes jugés dangereux'),
			fr('Studio à 750 € par mois'),
			nl('Kloof jeugdhulp – volwassenenhulp', true),
			fr('Adresse de référence méconnue')
		],
		levers: [
			fr('Kots à projet social accompagnés', true),
			nl('Housing First voor jongeren'),
			fr('Procédure CPAS accélérée < 25 ans'),
			fr('Colocations solidaires étudiantes'),
			nl('Noodfonds huur en waarborg', true)
		],
		collaborations: [
			fr('Protocole d’orientation AMO – CPAS – AIS', true),
			nl('Casusoverleg jeugdhulp – thuislozenzorg'),
			fr('Partenariat logement social')
		],
		actors: [
			fr('CPAS de la zone', true),
			fr('Agences immobilières sociales (AIS)'),
			nl('Housing First Brussel'),
			fr('Hôpital Brugmann (pédopsychiatrie)'),
			fr('Sociétés de logement (SISP)')
		],
		justification: {
			text: 'Le protocole d’orientation évite que le jeune raconte son histoire cinq fois ; le fonds d’urgence lève le premier obstacle financier.',
			language: 'fr'
		}
	}
];

/**
 * A typical large session: 69 participants in 10 sectors, 6 needs themes, 8 news items,
 * 11 ballot entries (two ties), 3 tables × 4 categories × 3 to 6 items, next dates and contact.
 */
export function typicalRestitutionFixture(): Restitution {
	return {
		header: {
			series: {
				fr: 'Concertations thématiques de la zone de soins Nord-Ouest',
				nl: 'Thematische overleggen van de zorgzone Noord-West'
			},
			theme: {
				fr: 'Santé mentale des jeunes et précarité',
				nl: 'Geestelijke gezondheid van jongeren en bestaansonzekerheid'
			},
			number: '12',
			date: '2024-09-23',
			startTime: '13:30',
			endTime: '16:30',
			place: 'Maison de quartier Bonnevie, rue Bonnevie 40, 1080 Molenbeek-Saint-Jean',
			organiser: { fr: 'Zone de soins Bruxelles Nord-Ouest', nl: 'Zorgzone Brussel Noord-West' },
			logo: {
				mediaType: 'image/png',
				base64: SAMPLE_LOGO_PNG_BASE64,
				alt: 'Zone de soins Nord-Ouest / Zorgzone Noord-West'
			}
		},
		attendance: {
			participants: 69,
			sectors: [
				{ label: { fr: 'Santé mentale', nl: 'Geestelijke gezondheid' }, count: 13 },
				{ label: { fr: 'Première ligne de soins', nl: 'Eerstelijnszorg' }, count: 11 },
				{ label: { fr: 'Action sociale et CPAS', nl: 'Welzijn en OCMW' }, count: 10 },
				{ label: { fr: 'Aide et soins à domicile', nl: 'Thuishulp en thuiszorg' }, count: 8 },
				{ label: { fr: 'Jeunesse', nl: 'Jeugd' }, count: 7 },
				{ label: { fr: 'Logement', nl: 'Huisvesting' }, count: 6 },
				{ label: { fr: 'Personnes âgées', nl: 'Ouderen' }, count: 5 },
				{ label: { fr: 'Assuétudes', nl: 'Verslavingszorg' }, count: 4 },
				{ label: { fr: 'Pouvoirs locaux', nl: 'Lokale besturen' }, count: 3 },
				{ label: { fr: 'Non précisé', nl: 'Niet opgegeven' }, count: 2 }
			],
			people: []
		},
		context: {
			needs: [
				{
					label: { fr: 'Santé mentale des jeunes', nl: 'Geestelijke gezondheid van jongeren' },
					count: 38
				},
				{ label: { fr: 'Accès à la première ligne', nl: 'Toegang tot de eerste lijn' }, count: 31 },
				{
					label: { fr: 'Isolement des personnes âgées', nl: 'Vereenzaming van ouderen' },
					count: 27
				},
				{
					label: { fr: 'Précarité et logement', nl: 'Bestaansonzekerheid en huisvesting' },
					count: 24
				},
				{ label: { fr: 'Fracture numérique', nl: 'Digitale kloof' }, count: 17 },
				{
					label: { fr: 'Santé des personnes exilées', nl: 'Gezondheid van mensen op de vlucht' },
					count: 12
				}
			],
			news: [
				{
					title: {
						fr: 'Un nouveau service de santé mentale ouvre à Jette',
						nl: 'Nieuwe dienst geestelijke gezondheid opent in Jette'
					},
					date: '2024-10-01'
				},
				{
					title: {
						fr: 'Appel à projets « Santé & précarité » : dépôt avant le 15 octobre',
						nl: 'Projectoproep ‘Gezondheid & armoede’: indienen vóór 15 oktober'
					},
					date: '2024-10-15'
				},
				{
					title: {
						fr: 'Formation : repérer la crise suicidaire chez les jeunes',
						nl: 'Vorming: een suïcidale crisis bij jongeren herkennen'
					},
					date: '2024-10-08'
				},
				{
					title: {
						fr: 'Semaine bruxelloise de la santé mentale',
						nl: 'Brusselse week van de geestelijke gezondheid'
					},
					date: '2024-10-07'
				},
				{
					title: {
						fr: 'Permanences sociales élargies au CPAS de Koekelberg',
						nl: 'Ruimere sociale permanenties bij het OCMW van Koekelberg'
					},
					date: '2024-09-30'
				},
				{
					title: { fr: '', nl: 'Netwerkdag eerstelijnszorg Brussel Noord-West' },
					date: '2024-11-05'
				},
				{
					title: {
						fr: 'Prime énergie : jusqu’à 500 € pour les ménages à bas revenus',
						nl: 'Energiepremie: tot 500 € voor gezinnen met een laag inkomen'
					},
					date: '2024-10-31'
				},
				{
					title: {
						fr: 'Nouveau guide bilingue des services d’aide à domicile',
						nl: 'Nieuwe tweetalige gids van de thuiszorgdiensten'
					}
				}
			]
		},
		vote: {
			voters: 62,
			present: 69,
			priorities: [
				{ label: TYPICAL_TABLES[0]!.priority, points: 88, rank: 1, tied: false, selected: true },
				{ label: TYPICAL_TABLES[1]!.priority, points: 61, rank: 2, tied: true, selected: true },
				{ label: TYPICAL_TABLES[2]!.priority, points: 61, rank: 2, tied: true, selected: true },
				{
					label: {
						fr: 'Lutter contre le non-recours aux droits sociaux',
						nl: 'Niet-gebruik van sociale rechten tegengaan'
					},
					points: 47,
					rank: 4,
					tied: false
				},
				{
					label: { text: 'Plus de médiateurs interculturels dans les services', language: 'fr' },
					points: 33,
					rank: 5,
					tied: false
				},
				{
					label: { fr: 'Soutien aux aidants proches', nl: 'Ondersteuning van mantelzorgers' },
					points: 27,
					rank: 6,
					tied: false
				},
				{
					label: {
						fr: 'Accessibilité numérique des services',
						nl: 'Digitale toegankelijkheid van de diensten'
					},
					points: 19,
					rank: 7,
					tied: true
				},
				{
					label: { text: 'Meer laagdrempelige ontmoetingsplekken in de wijk', language: 'nl' },
					points: 19,
					rank: 7,
					tied: true
				},
				{
					label: { fr: 'Santé des personnes exilées', nl: 'Gezondheid van mensen op de vlucht' },
					points: 8,
					rank: 9,
					tied: false
				},
				{
					label: {
						fr: 'Coordination des sorties d’hospitalisation',
						nl: 'Coördinatie van ontslag uit het ziekenhuis'
					},
					points: 6,
					rank: 10,
					tied: false
				},
				{
					label: {
						fr: 'Prévention des assuétudes chez les 15–18 ans',
						nl: 'Preventie van verslaving bij 15- tot 18-jarigen'
					},
					points: 3,
					rank: 11,
					tied: false
				}
			]
		},
		tables: structuredClone(TYPICAL_TABLES),
		introduction: {
			fr: 'Soixante-neuf professionnel·les de dix secteurs ont croisé les résultats de l’enquête de besoins avec leur expérience de terrain. Voici ce qu’ils et elles ont priorisé, et les pistes concrètes dégagées en tables.',
			nl: 'Negenenzestig professionals uit tien sectoren legden de resultaten van de behoeftebevraging naast hun ervaring op het terrein. Dit zijn hun prioriteiten en de concrete pistes uit de tafels.'
		},
		conclusion: {
			fr: 'Le comité de pilotage reprendra les éléments clés le 15 octobre et reviendra vers vous avec un plan d’action.',
			nl: 'De stuurgroep bespreekt de kernpunten op 15 oktober en komt daarna bij u terug met een actieplan.'
		},
		nextDates: [
			{
				label: { fr: 'Comité de pilotage de la zone', nl: 'Stuurgroep van de zorgzone' },
				date: '2024-10-15',
				time: '10:00',
				place: 'CPAS de Jette, salle du conseil'
			},
			{
				label: {
					fr: 'Concertation thématique n° 13 : vieillir chez soi',
					nl: 'Thematisch overleg nr. 13: thuis ouder worden'
				},
				date: '2024-11-18',
				time: '13:30',
				place: 'Maison de quartier Bonnevie'
			}
		],
		contact: {
			name: 'Sophie Van den Broeck',
			email: 'concertation@zone-nord-ouest.example',
			phone: '+32 2 555 12 34'
		},
		generatedAt: '2024-09-24T09:00:00+02:00'
	};
}

const LONG_SENTENCES = [
	'Les délais d’accès aux services spécialisés restent incompatibles avec l’urgence vécue par les jeunes et leurs familles, surtout en fin d’année scolaire',
	'Het ontbreekt aan een gedeeld overzicht van wie wat doet in de zone, waardoor doorverwijzingen vaak op goed geluk gebeuren en jongeren afhaken',
	'Créer un espace d’échange régulier entre les équipes de première ligne et les services spécialisés, avec un compte rendu partagé et des décisions suivies',
	'Meer middelen voor outreachend werk in de wijken waar de drempel naar klassieke hulpverlening het hoogst is, met aandacht voor meertaligheid',
	'Impliquer les personnes concernées elles-mêmes dans la conception des dispositifs, par exemple via un panel de jeunes rémunéré pour son expertise'
];

function longItems(category: string, count: number): ContributionItem[] {
	return Array.from({ length: count }, (_, index) => {
		const sentence = LONG_SENTENCES[index % LONG_SENTENCES.length] ?? '';
		return {
			text: `${category} ${index + 1} — ${sentence}.`,
			key: index % 7 === 3,
			language: /^(Het|Meer)/.test(sentence) ? 'nl' : 'fr'
		};
	});
}

/**
 * Far more than a page can hold: 3 tables × 4 categories × 25 long items, 69 named people,
 * 20 news items and long coordinator texts. Page 1 must say "+N" and the appendix list it all.
 */
export function largeRestitutionFixture(): Restitution {
	const model = typicalRestitutionFixture();
	model.tables = model.tables.map((table) => ({
		...table,
		barriers: longItems('Frein', 25),
		levers: longItems('Levier', 25),
		collaborations: longItems('Piste', 25),
		actors: longItems('Acteur', 25),
		justification: {
			text: Array.from({ length: 6 }, () => LONG_SENTENCES[0]).join('. '),
			language: 'fr'
		}
	}));
	const firstNames = [
		'Aïcha',
		'Bram',
		'Chloé',
		'Dries',
		'Élodie',
		'Fatima',
		'Geert',
		'Hélène',
		'Ilias',
		'Jana'
	];
	const lastNames = [
		'Benali',
		'De Smet',
		'Lemaire',
		'Peeters',
		'Nowak',
		'El Idrissi',
		'Claes',
		'Dubois'
	];
	const organisations = [
		'SSM Le Méridien',
		'OCMW Jette',
		'Maison médicale Botanique',
		'AMO Atmosphères',
		'CAW Brussel'
	];
	model.attendance.people = Array.from({ length: 69 }, (_, index) => ({
		name: `${firstNames[index % firstNames.length]} ${lastNames[index % lastNames.length]}`,
		organisation: organisations[index % organisations.length] ?? ''
	}));
	model.context.news = Array.from({ length: 20 }, (_, index) => ({
		title: {
			fr: `Actualité ${index + 1} : ${LONG_SENTENCES[index % 5]?.slice(0, 90) ?? ''}`,
			nl: `Nieuws ${index + 1}: netwerkmoment en vorming voor de sector`
		},
		date: `2024-10-${String((index % 28) + 1).padStart(2, '0')}`
	}));
	const intro = model.introduction ?? {};
	model.introduction = {
		fr: Array.from({ length: 6 }, () => intro.fr ?? '').join(' '),
		nl: Array.from({ length: 6 }, () => intro.nl ?? '').join(' ')
	};
	return model;
}

/** Text people could type to break a renderer; every export must print it as plain text. */
export const HOSTILE_STRINGS = {
	script: '<script>alert(1)</script>',
	bold: '**bold** __strong__ _em_ `code` ~~strike~~',
	link: '[x](javascript:alert(1)) ![img](http://example.invalid/x.png) <https://example.invalid>',
	heading: '# not a heading\n> not a quote\n- not a list\n1. not a list',
	longWord: 'Supercalifragilistique'.repeat(14).slice(0, 300),
	emoji: 'Merci 🙏🏽 pour tout 👍 — 👩‍⚕️ & 🇧🇪 ❤️ 谢谢',
	arabic: 'مرحبا بالعالم — الصحة النفسية للشباب',
	entities: 'AT&T &amp; &lt;b&gt; | pipe | \\backslash\\ {braces}',
	control: 'bell\u0007 null\u0000 form\u000c feed'
} as const;

/** The typical session with hostile text in every place participants can type. */
export function hostileRestitutionFixture(): Restitution {
	const model = typicalRestitutionFixture();
	const hostile = Object.values(HOSTILE_STRINGS);
	const [first] = model.tables;
	if (first) {
		first.barriers = hostile.map((text, index) => ({ text, key: index % 2 === 0 }));
		first.levers = [{ text: HOSTILE_STRINGS.longWord, key: true }];
		first.rapporteur = HOSTILE_STRINGS.script;
		first.justification = { text: `${HOSTILE_STRINGS.heading}\n${HOSTILE_STRINGS.link}` };
		first.priority = { text: `${HOSTILE_STRINGS.bold} ${HOSTILE_STRINGS.arabic}` };
	}
	model.attendance.people = [
		{ name: HOSTILE_STRINGS.script, organisation: HOSTILE_STRINGS.link },
		{ name: HOSTILE_STRINGS.arabic, organisation: HOSTILE_STRINGS.emoji },
		{ name: 'Zoë Ñúñez', organisation: HOSTILE_STRINGS.longWord }
	];
	const vote = model.vote;
	if (vote?.priorities[4]) vote.priorities[4].label = { text: HOSTILE_STRINGS.link };
	model.header.place = HOSTILE_STRINGS.entities;
	model.introduction = { fr: HOSTILE_STRINGS.heading, nl: HOSTILE_STRINGS.emoji };
	return model;
}
