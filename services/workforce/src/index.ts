import { workforce } from './subgraph';

// Listens only: everything a subgraph process does is core's defineSubgraph.
workforce.run();
