import { projects } from './subgraph';

// Listens only: everything a subgraph process does is core's defineSubgraph.
projects.run();
