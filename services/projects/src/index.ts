import { runSubgraph } from '@azg/core';
import { readConfig } from './config';
import { createServiceDataSource } from './data-source';
import { createServer } from './server';

// Listens only: settings, pool, logs, metrics, traces and graceful shutdown are core's runSubgraph.
runSubgraph({ serviceName: 'projects', readConfig, createServiceDataSource, createServer });
