import { assertRecordId } from '@azg/core/database';
import { Permitted } from '@azg/core/identity';
import { IdempotencyKeyArg, runWrite, VersionArg } from '@azg/core/writes';
import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../context';
import { AllocateLandPlotInput, OptimizeLandPlotInput, ReleaseLandPlotInput } from './land-plot-write.input';
import type { LandPlotRecord } from './land-plot.record';
import { LandPlot } from './land-plot.type';

const PLOT_ID = { description: 'The plot, e.g. "valtherm-plot". NOT_FOUND when no plot has the id.' } as const;
const VERSION = 'The plot\'s `version` as you read it: refused with CONFLICT if it has moved on.';

/** Land plot writes (editors and admins): each one transaction, logged, with an optional idempotency key. */
@Resolver(() => LandPlot)
export class LandPlotWriteResolver {
  @Permitted('write')
  @Mutation(() => LandPlot, { description: 'Allocates a plot of land to a project on a date. Needs the editor role.' })
  allocateLandPlot(
    @Arg('input', () => AllocateLandPlotInput, { description: 'The plot.' }) input: AllocateLandPlotInput,
    @IdempotencyKeyArg() idempotencyKey: string | null | undefined,
    @Ctx() context: Context,
  ): Promise<LandPlotRecord> {
    return runWrite(context, { operation: 'allocateLandPlot', idempotencyKey, input: { input } },
      (tx) => context.repositories.landPlotWrite(tx).allocate(input));
  }

  @Permitted('write')
  @Mutation(() => LandPlot, {
    description: 'Optimizes an inefficiently used plot (P3): it keeps a smaller area, the rest is taken back; its status becomes OPTIMIZED. Needs the editor role.',
  })
  optimizeLandPlot(
    @Arg('id', () => ID, PLOT_ID) id: string,
    @VersionArg(VERSION) version: number,
    @Arg('input', () => OptimizeLandPlotInput, { description: 'The area it keeps, when and why.' }) input: OptimizeLandPlotInput,
    @IdempotencyKeyArg() idempotencyKey: string | null | undefined,
    @Ctx() context: Context,
  ): Promise<LandPlotRecord> {
    return runWrite(context, { operation: 'optimizeLandPlot', idempotencyKey, input: { id: assertRecordId(id), version, input } },
      (tx) => context.repositories.landPlotWrite(tx).optimize(id, version, input));
  }

  @Permitted('write')
  @Mutation(() => LandPlot, { description: 'Frees a plot for other use; its status becomes RELEASED, and nothing more can happen to it. Needs the editor role.' })
  releaseLandPlot(
    @Arg('id', () => ID, PLOT_ID) id: string,
    @VersionArg(VERSION) version: number,
    @Arg('input', () => ReleaseLandPlotInput, { description: 'When and why.' }) input: ReleaseLandPlotInput,
    @IdempotencyKeyArg() idempotencyKey: string | null | undefined,
    @Ctx() context: Context,
  ): Promise<LandPlotRecord> {
    return runWrite(context, { operation: 'releaseLandPlot', idempotencyKey, input: { id: assertRecordId(id), version, input } },
      (tx) => context.repositories.landPlotWrite(tx).release(id, version, input));
  }
}
