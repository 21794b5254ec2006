import type { AreaFigure, CountFigure, PartialDate, Source } from '@azg/core/figures';
import type { Translations } from '@azg/core/i18n';
import type { IndustrialZoneRecord } from '../industrial-zone/industrial-zone.record';

/** An industrial park's own columns, under their GraphQL field names. */
export interface IndustrialParkDocument {
  id: string;
  zoneId: string;
  name: string;
  nameKk: string | null;
  parkCount: CountFigure;
  smeProductionSpace: AreaFigure;
  plannedOpening: PartialDate;
  groupId: string;
  sources: Source[];
  /** The name by language (answered by `nameIn`). */
  names: Translations;
}

/** What a park's GraphQL fields resolve from: its columns and its zone. */
export interface IndustrialParkRecord extends IndustrialParkDocument {
  zone: IndustrialZoneRecord;
}
