/** `@defer` through the gateway: see defer-gateway.ts for how, and docs in README ("Deferred answers"). */
export { acceptsDeferredParts, DeferredDelivery, DeferringGateway, type DeferringGatewayOptions, deferringExecutor, type SubsequentPayload } from './defer-gateway';
export { GraphQLDeferDirective, mentionsDefer, withDeferDirective } from './defer-operation';
