// Typed access to the Lineage JSON-RPC methods (client/rpc-api), through @polkadot/api with the
// definitions of scripts/polkadot-js/lineage-rpc.json. Amounts are decimal strings, accounts SS58.
import type { ApiPromise } from '@polkadot/api';
import type { Codec } from '@polkadot/types/types';

export interface Dataset {
  id: number;
  owner: string;
  name: string;
  description: string;
  license: string;
  policy: 'Open' | 'Curated';
  status: 'Active' | 'Frozen';
  deposit: string;
  acceptedUnits: string;
  acceptedCount: number;
  pendingCount: number;
  curators: string[];
  merkleRoot: string;
  leafCount: number;
  snapshotCount: number;
}

export interface Contribution {
  id: number;
  datasetId: number;
  contributor: string;
  contentHash: string;
  units: number;
  metadata: string;
  status: 'Pending' | 'Accepted' | 'Withdrawn' | 'Slashed';
  deposit: string;
  submittedAt: number;
  leafIndex: number | null;
  epoch: number | null;
  unbondingUntil: number | null;
}

export interface ContentOwner {
  owner: string;
  contributionId: number;
}

export interface Snapshot {
  datasetId: number;
  index: number;
  leafCount: number;
  root: string;
  takenAt: number;
}

export interface InclusionProof {
  contributionId: number;
  datasetId: number;
  contributor: string;
  contentHash: string;
  units: number;
  leafHash: string;
  leafIndex: number;
  leafCount: number;
  proof: string[];
  root: string;
}

export interface Split {
  contributors: number;
  owner: number;
  operator: number;
  protocol: number;
}

export interface ModelVersion {
  number: number;
  versionHash: string;
  snapshots: { datasetId: number; snapshot: number; leafCount: number }[];
  publishedAt: number;
}

export interface Model {
  id: number;
  owner: string;
  name: string;
  currentVersion: ModelVersion;
  versions: ModelVersion[];
  datasets: { datasetId: number; weight: number }[];
  feePerInference: string;
  pendingFee: { fee: string; effectiveAt: number } | null;
  split: Split;
  status: 'Active' | 'Paused' | 'Retired';
  operators: string[];
  deposit: string;
}

export interface Authorization {
  remaining: string;
  spent: string;
  maxFeePerInference: string;
  deposit: string;
  operators: string[];
}

export interface Earnings {
  pending: string;
  claimed: string;
  earned: string;
  datasets: { datasetId: number; pending: string }[];
}

export interface ModelRevenue {
  fees: string;
  contributors: string;
  owner: string;
  operators: string;
  protocol: string;
  inferences: number;
}

/** The Json-typed answers of custom RPC methods: null comes back empty, a top-level array keyed by position. */
function option<T>(codec: Codec): T | null {
  return codec.isEmpty ? null : (codec.toJSON() as unknown as T);
}

function array<T>(codec: Codec): T[] {
  return codec.isEmpty ? [] : Object.values(codec.toJSON() as Record<string, T>);
}

type RpcMethod = (...args: unknown[]) => Promise<Codec>;
type Section = Record<string, RpcMethod>;

/** The Lineage RPC sections on an ApiPromise created with lineage-rpc.json. */
export class LineageRpc {
  private readonly datasets: Section;
  private readonly models: Section;
  private readonly inference: Section;
  private readonly attribution: Section;

  constructor(api: ApiPromise) {
    const rpc = api.rpc as unknown as Record<string, Section | undefined>;
    const section = (name: string): Section => {
      const s = rpc[name];
      if (!s) throw new Error(`the RPC section ${name} is not defined`);
      return s;
    };
    this.datasets = section('datasets');
    this.models = section('models');
    this.inference = section('inference');
    this.attribution = section('attribution');
  }

  private call(section: Section, method: string, ...args: unknown[]): Promise<Codec> {
    const fn = section[method];
    if (!fn) throw new Error(`the RPC method ${method} is not defined`);
    // A trailing optional parameter left out must not be sent (an undefined block hash would be encoded as 0x00…).
    const given = [...args];
    while (given.length > 0 && given[given.length - 1] === undefined) given.pop();
    return fn(...given);
  }

  async dataset(id: number, at?: string): Promise<Dataset | null> {
    return option<Dataset>(await this.call(this.datasets, 'dataset', id, at));
  }

  async datasetCount(): Promise<number> {
    return Number((await this.call(this.datasets, 'datasetCount')).toJSON());
  }

  async contribution(id: number): Promise<Contribution | null> {
    return option<Contribution>(await this.call(this.datasets, 'contribution', id));
  }

  async contentOwners(hashes: string[]): Promise<(ContentOwner | null)[]> {
    const result = array<ContentOwner | null>(await this.call(this.datasets, 'contentOwners', hashes));
    if (result.length !== hashes.length) throw new Error(`datasets_contentOwners answered ${result.length} owners for ${hashes.length} hashes`);
    return result;
  }

  async accountContributions(account: string, startAfter?: number, limit?: number): Promise<{ contributions: number[]; next: number | null }> {
    const page = option<{ contributions: number[]; next?: number | null }>(
      await this.call(this.datasets, 'accountContributions', account, startAfter, limit),
    );
    return { contributions: page?.contributions ?? [], next: page?.next ?? null };
  }

  async contributionProof(id: number, at?: string): Promise<InclusionProof> {
    return (await this.call(this.datasets, 'contributionProof', id, at)).toJSON() as unknown as InclusionProof;
  }

  async snapshot(datasetId: number, index: number): Promise<Snapshot | null> {
    return option<Snapshot>(await this.call(this.datasets, 'snapshot', datasetId, index));
  }

  async pendingCommit(account: string, commitment: string): Promise<number | null> {
    return option<number>(await this.call(this.datasets, 'pendingCommit', account, commitment));
  }

  async model(id: number): Promise<Model | null> {
    return option<Model>(await this.call(this.models, 'model', id));
  }

  async modelIds(start: number, limit: number): Promise<{ models: number[]; next: number | null }> {
    const page = option<{ models: number[]; next?: number | null }>(await this.call(this.models, 'modelIds', start, limit));
    return { models: page?.models ?? [], next: page?.next ?? null };
  }

  async modelsOf(owner: string, startAfter?: number, limit?: number): Promise<{ models: number[]; next: number | null }> {
    const page = option<{ models: number[]; next?: number | null }>(await this.call(this.models, 'modelsOf', owner, startAfter, limit));
    return { models: page?.models ?? [], next: page?.next ?? null };
  }

  async authorization(consumer: string, modelId: number): Promise<Authorization | null> {
    return option<Authorization>(await this.call(this.inference, 'authorization', consumer, modelId));
  }

  async pendingRewards(account: string): Promise<bigint> {
    return BigInt((await this.call(this.attribution, 'pendingRewards', account)).toString());
  }

  async earnings(account: string): Promise<Earnings> {
    const e = option<Earnings>(await this.call(this.attribution, 'earnings', account));
    if (!e) throw new Error('attribution_earnings answered nothing');
    return e;
  }

  async contributionEarnings(id: number): Promise<bigint> {
    return BigInt((await this.call(this.attribution, 'contributionEarnings', id)).toString());
  }

  async modelRevenue(id: number): Promise<ModelRevenue> {
    const r = option<ModelRevenue>(await this.call(this.attribution, 'modelRevenue', id));
    if (!r) throw new Error('attribution_modelRevenue answered nothing');
    return r;
  }
}
