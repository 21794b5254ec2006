import { cite, count, type CountFigure, DateBound, partialDate, type PartialDate, Qualifier, type Source } from '@azg/core/figures';

export interface CouncilFact {
  id: string;
  name: string;
  nameKk: string;
  abbreviation: string;
  reformatted: PartialDate;
  memberCategories: Array<{ name: string; nameKk: string; sources: Source[] }>;
  meetingCount: CountFigure;
  meetingPeriod: string;
  supportedGroupId: string;
  events: Array<{ id: string; description: string; heldBy: string; heldByKk: string; sources: Source[] }>;
  remarks: Array<{ text: string; sources: Source[] }>;
  sources: Source[];
}

export const COUNCIL: CouncilFact = {
  id: 'regional-coordination-council',
  name: 'Regional Coordination Council',
  nameKk: 'Өңірлік үйлестіру кеңесі',
  abbreviation: 'ӨҮК',
  reformatted: partialDate('2019-10', DateBound.IN, '2019 жылдың қазан айында', [
    cite(2, '2019 жылдың қазан айында Өңірлік үйлестіру кеңесінің жұмысы қайта форматталды', 'In October 2019 the work of the Regional Coordination Council was reformatted'),
  ]),
  memberCategories: [
    { name: 'experts', nameKk: 'сарапшылар', sources: [cite(2, 'Оның құрамына сарапшылар', 'Its members include experts')] },
    { name: 'heads of operating enterprises', nameKk: 'жұмыс істеп тұрған кәсіпорындардың басшылары', sources: [cite(2, 'жұмыс істеп тұрған кәсіпорындар мен салалық кәсіподақтардың басшылары кіреді', 'the heads of operating enterprises and of sectoral trade unions')] },
    { name: 'heads of sectoral trade unions', nameKk: 'салалық кәсіподақтардың басшылары', sources: [cite(2, 'жұмыс істеп тұрған кәсіпорындар мен салалық кәсіподақтардың басшылары кіреді', 'the heads of operating enterprises and of sectoral trade unions')] },
  ],
  meetingCount: count(12, Qualifier.EXACT, '12 отырысы', [cite(3, 'Соңғы екі жылда ӨҮК-тің 12 отырысы өткізілді', 'Over the last two years the RCC held 12 meetings')]),
  meetingPeriod: 'the last two years',
  supportedGroupId: 'council-supported-projects',
  events: [{
    id: 'akim-off-site-meeting-2021',
    description: 'Off-site meeting with the council\'s members, reviewing the pace of project implementation in Almaty\'s Industrial Zone, and the construction progress of new facilities.',
    heldBy: 'Bakytzhan Sagintayev, akim of Almaty',
    heldByKk: 'Алматы әкімі Бақытжан Сағынтаев',
    sources: [
      cite(1, 'Алматы әкімі Бақытжан Сағынтаев Өңірлік үйлестіру кеңесі мүшелерімен көшпелі кеңес өткізді', 'Almaty akim Bakytzhan Sagintayev held an off-site meeting with members of the Regional Coordination Council'),
      cite(1, 'Алматының Индустриалды аумағындағы жобаларды жүзеге асырудың қарқынымен танысты', 'reviewed the pace of project implementation in Almaty\'s Industrial Zone'),
      cite(12, 'жаңа нысандарының құрылыс барысымен танысты', 'reviewed the construction progress of new facilities'),
    ],
  }],
  remarks: [{
    text: 'Thanks to this approach and to support measures, high-technology production facilities are opening.',
    sources: [cite(2, 'Осы тәсілдің және қолдау шараларының арқасында жоғары технологиялық өндірістер ашылуда.', 'Thanks to this approach and to support measures, high-technology production facilities are opening.')],
  }],
  sources: [cite(1, 'Өңірлік үйлестіру кеңесі', 'Regional Coordination Council'), cite(2, 'Өңірлік үйлестіру кеңесінің жұмысы қайта форматталды', 'the work of the Regional Coordination Council was reformatted')],
};
