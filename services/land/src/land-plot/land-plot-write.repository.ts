import { BadUserInputError, ConflictError, NotFoundError } from '@azg/core/errors';
import { area, AreaUnit, Qualifier } from '@azg/core/figures';
import { provenanceOf, type SourceInput, type WriteProvenance, type WriteTransaction } from '@azg/core/writes';
import type { AllocateLandPlotInput, OptimizeLandPlotInput, ReleaseLandPlotInput } from './land-plot-write.input';
import type { LandPlotEventDocument, LandPlotRecord } from './land-plot.record';
import { LandPlotRepository } from './land-plot.repository';
import { LandPlotStatus } from './land-plot.type';

const PLOT = 'land.land_plot';
const VERSIONED = { field: 'id', label: 'land plot' } as const;

/** A plot's area as a write states it: in hectares, with the write's sources. */
function enteredArea(hectares: string, qualifier: Qualifier, provenance: WriteProvenance) {
  return area(hectares, AreaUnit.HECTARE, qualifier, `${hectares} ha`, provenance.sources);
}

/** The plot as the audit log keeps it: its own columns, without its zone. */
function audited(plot: LandPlotRecord): Omit<LandPlotRecord, 'zone'> {
  const { zone: _zone, ...own } = plot;
  return own;
}

/** A released plot is done with: nothing more happens to it. */
function assertNotReleased(plot: LandPlotRecord, doing: string): void {
  if (plot.status !== LandPlotStatus.RELEASED) return;
  throw new ConflictError(
    `The land plot "${plot.id}" was released on ${plot.release?.on ?? 'an unknown day'}: a released plot cannot be ${doing}`,
    { field: VERSIONED.field, status: plot.status },
  );
}

/** The step's date must not come before the plot's allocation or its optimization. */
function assertNotBefore(on: string, plot: LandPlotRecord): void {
  const earlier: Array<[string | null | undefined, string]> = [
    [plot.allocatedOn, 'was allocated'],
    [plot.optimization?.on, 'was optimized'],
  ];
  for (const [day, what] of earlier) {
    if (day != null && on < day) throw new BadUserInputError(`input.on (${on}) is before the day the plot ${what} (${day})`, 'input.on');
  }
}

/** The plot's author entries, with this write's when it stated no source. */
function enteredBy(plot: LandPlotRecord, origin: WriteProvenance) {
  return origin.entry === null ? plot.enteredBy : [...plot.enteredBy, origin.entry];
}

function event(input: { on: string; reason: string }, origin: WriteProvenance): LandPlotEventDocument {
  return { on: input.on, reason: input.reason, sources: origin.sources, enteredBy: origin.entry };
}

/**
 * The only place that writes land plots with SQL: each method runs inside the mutation's
 * transaction, writes, reads the plot back as every read answers it (zone included) and appends
 * the change to the audit log.
 */
export class LandPlotWriteRepository {
  private readonly plots: LandPlotRepository;

  constructor(private readonly tx: WriteTransaction) {
    this.plots = new LandPlotRepository(tx);
  }

  /**
   * Allocates a new plot: checks the zone and park exist (NOT_FOUND naming the field) and that the
   * park lies in that zone, inserts the plot (CONFLICT when its id is taken) and logs it.
   */
  async allocate(input: AllocateLandPlotInput): Promise<LandPlotRecord> {
    const [found] = await this.tx.query<{ zone: boolean; park_zone: string | null; park: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM land.industrial_zone WHERE id = $1) AS zone,
              EXISTS (SELECT 1 FROM land.industrial_park WHERE id = $2) AS park,
              (SELECT zone_id FROM land.industrial_park WHERE id = $2) AS park_zone`,
      [input.zoneId, input.parkId ?? null],
    );
    if (!found?.zone) throw new NotFoundError(`No industrial zone has the id "${input.zoneId}"`, 'input.zoneId');
    if (input.parkId != null) {
      if (!found.park) throw new NotFoundError(`No industrial park has the id "${input.parkId}"`, 'input.parkId');
      if (found.park_zone !== input.zoneId) {
        throw new BadUserInputError(`The industrial park "${input.parkId}" is in the zone "${found.park_zone}", not "${input.zoneId}"`, 'input.parkId');
      }
    }
    const origin = await this.provenance(input.sources);
    const inserted = await this.tx.query<{ id: string }>(
      `INSERT INTO ${PLOT} (id, zone_id, park_id, project_id, area, status, description, sources, allocated_on, entered_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT (id) DO NOTHING RETURNING id`,
      [
        input.id, input.zoneId, input.parkId ?? null, input.projectId,
        JSON.stringify(enteredArea(input.areaHectares, input.areaQualifier, origin)), LandPlotStatus.ALLOCATED, input.description,
        JSON.stringify(origin.sources), input.allocatedOn, JSON.stringify(origin.entry === null ? [] : [origin.entry]),
      ],
    );
    if (inserted.length === 0) throw new ConflictError(`A land plot with the id "${input.id}" already exists`, { field: 'input.id' });
    const plot = await this.read(input.id);
    await this.tx.audit({ recordType: 'LandPlot', recordId: plot.id, before: null, after: audited(plot) });
    return plot;
  }

  /**
   * Optimizes a plot (P3's "оңтайландырылды"): at the version read, not released, it keeps a
   * smaller area from a day not before its allocation or last optimization; the area it had goes
   * to `optimization.previousArea`.
   */
  async optimize(id: string, version: number, input: OptimizeLandPlotInput): Promise<LandPlotRecord> {
    await this.tx.lockVersioned(PLOT, id, version, VERSIONED);
    const before = await this.read(id);
    assertNotReleased(before, 'optimized');
    if (Number(input.areaHectares) >= Number(before.area.hectares)) {
      throw new BadUserInputError(
        `input.areaHectares (${input.areaHectares}) must be less than the plot's area (${before.area.hectares} ha): an optimized plot keeps less land`,
        'input.areaHectares',
      );
    }
    assertNotBefore(input.on, before);
    const origin = await this.provenance(input.sources);
    const optimization = { ...event(input, origin), previousArea: before.area };
    await this.tx.updateVersioned(PLOT, id, version, {
      area: enteredArea(input.areaHectares, Qualifier.EXACT, origin),
      status: LandPlotStatus.OPTIMIZED,
      optimization,
      entered_by: enteredBy(before, origin),
    }, VERSIONED);
    return this.logged(before);
  }

  /** Releases a plot: at the version read, not already released, on a day not before its allocation or optimization. */
  async release(id: string, version: number, input: ReleaseLandPlotInput): Promise<LandPlotRecord> {
    await this.tx.lockVersioned(PLOT, id, version, VERSIONED);
    const before = await this.read(id);
    assertNotReleased(before, 'released again');
    assertNotBefore(input.on, before);
    const origin = await this.provenance(input.sources);
    await this.tx.updateVersioned(PLOT, id, version, {
      status: LandPlotStatus.RELEASED, release: event(input, origin), entered_by: enteredBy(before, origin),
    }, VERSIONED);
    return this.logged(before);
  }

  private async provenance(sources: readonly SourceInput[] | null | undefined): Promise<WriteProvenance> {
    return provenanceOf(sources, this.tx.identity, this.tx.operation, await this.tx.now());
  }

  /** The plot as every read answers it (zone included), for the mutation's answer and the audit log. */
  private async read(id: string): Promise<LandPlotRecord> {
    const [plot] = await this.plots.findByIds([id]);
    if (plot === undefined) throw new NotFoundError(`No land plot has the id "${id}"`, VERSIONED.field);
    return plot;
  }

  /** Reads the plot as written and appends the change to the audit log. */
  private async logged(before: LandPlotRecord): Promise<LandPlotRecord> {
    const after = await this.read(before.id);
    await this.tx.audit({ recordType: 'LandPlot', recordId: after.id, before: audited(before), after: audited(after) });
    return after;
  }
}
