import { companies } from './subgraph';

// Listens only: everything a subgraph process does is core's defineSubgraph.
companies.run();
