import { land } from './subgraph';

// Listens only: everything a subgraph process does is core's defineSubgraph.
land.run();
