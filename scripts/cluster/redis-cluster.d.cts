/** One line of CLUSTER NODES. */
export interface ClusterNode {
  id: string;
  port: number;
  flags: string[];
  masterId: string | null;
  connected: boolean;
  slots: string[];
}

export interface RedisClusterHandle {
  host: string;
  ports: number[];
  dir: string;
  nodeTimeoutMs: number;
  stateFile: string;
  /** `host:port,...` as REDIS_CLUSTER_NODES takes it. */
  nodes: string;
  clusterNodes(): Promise<ClusterNode[]>;
  masters(): Promise<number[]>;
  kill(port: number): Promise<void>;
  restart(port: number): Promise<void>;
  waitForFailover(port: number, timeoutMs?: number): Promise<void>;
  waitUntilOk(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

export function startRedisCluster(options?: {
  basePort?: number;
  nodeTimeoutMs?: number;
  stateFile?: string;
}): Promise<RedisClusterHandle>;
export function attachRedisCluster(stateFile: string): RedisClusterHandle;
export function stopFromState(stateFile: string): void;
export function clusterNodes(port: number): Promise<ClusterNode[]>;
export const DEFAULT_NODE_TIMEOUT_MS: number;
