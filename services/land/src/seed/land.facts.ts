import { area, type AreaFigure, AreaUnit, cite, count, type CountFigure, DateBound, partialDate, type PartialDate, Qualifier, type Source } from '@azg/core/figures';
// Types only: the facts stay plain data, in the shape of the records they seed, and load no GraphQL module.
import type { LandPlotDocument } from '../land-plot/land-plot.record';
import type { ZoneLandFigureDocument } from '../zone-land-figure/zone-land-figure.record';

export interface ZoneFact {
  id: string;
  name: string;
  nameKk: string;
  /** Every name and abbreviation the original uses for the zone. */
  aliases: Array<{ text: string; paragraph: number }>;
  sources: Source[];
}

/** A plot of land the document describes on its own, with the project it serves: the plot's columns the document gives. */
export type LandPlotFact = Pick<LandPlotDocument, 'id' | 'zoneId' | 'area' | 'status' | 'projectId' | 'description' | 'sources'>;

/**
 * A land figure the document reports for the whole zone: hectares given, optimized or freed,
 * not tied to a plot it describes.
 */
export type ZoneLandFigureFact = ZoneLandFigureDocument;

export interface IndustrialParkFact {
  id: string;
  zoneId: string;
  name: string;
  nameKk: string;
  parkCount: CountFigure;
  smeProductionSpace: AreaFigure;
  plannedOpening: PartialDate;
  /** The group that carries the cost and jobs the document gives for the parks and space together. */
  groupId: string;
  sources: Source[];
}

export const ZONE: ZoneFact = {
  id: 'almaty-industrial-zone',
  name: 'Almaty Industrial Zone',
  nameKk: 'Алматының Индустриалды аумағы',
  aliases: [
    { text: 'Алматының Индустриалды аумағы', paragraph: 1 },
    { text: 'ПАА', paragraph: 3 },
    { text: 'Индустриалды аймақ', paragraph: 4 },
    { text: 'ИАА', paragraph: 6 },
    { text: 'Алматы Индустриялық аймағы', paragraph: 13 },
  ],
  sources: [
    cite(1, 'Алматының Индустриалды аумағындағы', 'in Almaty\'s Industrial Zone'),
    cite(3, 'ПАА портфелінен', 'from the Industrial Zone\'s portfolio', { note: 'The original abbreviates the zone both ПАА and ИАА.' }),
    cite(6, 'ИАА-да', 'in the Industrial Zone'),
    cite(13, 'Алматы Индустриялық аймағының қатысушылары', 'The participants of the Almaty Industrial Zone'),
  ],
};

export const LAND_PLOTS: LandPlotFact[] = [
  {
    id: 'valtherm-plot',
    zoneId: ZONE.id,
    area: area('10', AreaUnit.HECTARE, Qualifier.AT_LEAST, '10 гектардан астам', [cite(5, 'Индустриалды аймақтағы 10 гектардан астам алқап', 'More than 10 hectares of the Industrial Zone')]),
    status: 'ALLOCATED',
    projectId: 'valtherm-radiator-plant',
    description: 'The site allocated to Valtherm LLP for its radiator plant.',
    sources: [cite(5, 'Индустриалды аймақтағы 10 гектардан астам алқап', 'More than 10 hectares of the Industrial Zone'), cite(5, '«Valtherm» ЖШС-не бөлінген', 'allocated to «Valtherm» LLP')],
  },
];

export const ZONE_LAND_FIGURES: ZoneLandFigureFact[] = [
  {
    id: 'given-to-investors',
    zoneId: ZONE.id,
    status: 'ALLOCATED',
    area: area('185', AreaUnit.HECTARE, Qualifier.EXACT, '185 гектар', [cite(3, 'Инвесторларға 185 гектар жер учаскелері берілді.', 'Investors were given 185 hectares of land plots.')]),
    reason: 'Land plots given to investors.',
    groupId: 'council-supported-projects',
    sources: [
      cite(3, 'Инвесторларға 185 гектар жер учаскелері берілді.', 'Investors were given 185 hectares of land plots.'),
      cite(3, '51 жаңа жоба қолдау тапты', '51 new projects received support', {
        inferred: true,
        note: 'The sentence follows the council\'s two-year record; that the 185 ha went to the 51 supported projects is a reading, not a statement.',
      }),
    ],
  },
  {
    id: 'inefficient-plots-optimized',
    zoneId: ZONE.id,
    status: 'OPTIMIZED',
    area: area('15', AreaUnit.HECTARE, Qualifier.EXACT, '15 гектар', [cite(3, 'тиімсіз пайдаланылатын 15 гектар учаске оңтайландырылды', '15 hectares of inefficiently used plots were optimized')]),
    reason: 'Plots that were used inefficiently.',
    groupId: null,
    sources: [cite(3, 'тиімсіз пайдаланылатын 15 гектар учаске оңтайландырылды', '15 hectares of inefficiently used plots were optimized')],
  },
  {
    id: 'freed-by-removed-projects',
    zoneId: ZONE.id,
    status: 'RELEASED',
    area: area('156', AreaUnit.HECTARE, Qualifier.EXACT, '156 га', [cite(3, '156 га аумақ босатылды', '156 ha of land were freed')]),
    reason: '38 projects were removed from the zone\'s portfolio for lack of implementation progress.',
    groupId: 'removed-from-portfolio',
    sources: [
      cite(3, '38 жоба іске асырылу динамикасының болмауына байланысты ПАА портфелінен шығарылды', '38 projects were removed from the Industrial Zone\'s portfolio for lack of implementation progress'),
      cite(3, '156 га аумақ босатылды', '156 ha of land were freed'),
    ],
  },
];

export const INDUSTRIAL_PARKS: IndustrialParkFact[] = [
  {
    id: 'industrial-parks-2021',
    zoneId: ZONE.id,
    name: 'Five industrial parks with production space for SMEs (planned for 2021)',
    nameKk: '5 өндірістік парк',
    parkCount: count(5, Qualifier.EXACT, '5 өндірістік паркті', [cite(15, '2021 жылы 5 өндірістік паркті ашу', 'to open 5 industrial parks in 2021')]),
    smeProductionSpace: area('22000', AreaUnit.SQUARE_METRE, Qualifier.EXACT, '22 мың шаршы метр', [cite(15, 'ШОБ үшін 22 мың шаршы метр өндірістік алаңды', '22 thousand square metres of production space for SMEs')]),
    plannedOpening: partialDate('2021', DateBound.IN, '2021 жылы', [cite(15, '2021 жылы 5 өндірістік паркті ашу', 'to open 5 industrial parks in 2021')]),
    groupId: 'industrial-parks-2021',
    sources: [cite(15, '2021 жылы 5 өндірістік паркті ашу, ШОБ үшін 22 мың шаршы метр өндірістік алаңды пайдалануға беру жоспарлануда', 'in 2021 it is planned to open 5 industrial parks and to put into operation 22 thousand square metres of production space for SMEs')],
  },
];
