import { startRedisCluster } from '../../../scripts/cluster/redis-cluster.cjs';
import globalSetup from '../../setup/global-setup';

/** Where the test files find the cluster to attach to (kill a master, read CLUSTER NODES). */
export const REDIS_CLUSTER_STATE_ENV = 'KOPERASI_TEST_REDIS_CLUSTER_STATE';

/**
 * The migrated database template, as for the integration tests, and a six-node Redis Cluster on
 * loopback that every service of the run connects to (REDIS_CLUSTER_NODES, inherited by the workers).
 */
export default async function clusterGlobalSetup(): Promise<void> {
  await globalSetup();
  if (process.env[REDIS_CLUSTER_STATE_ENV]) return;
  const cluster = await startRedisCluster();
  process.env[REDIS_CLUSTER_STATE_ENV] = cluster.stateFile;
  process.env.REDIS_CLUSTER_NODES = cluster.nodes;
}
