import type { RecordBase, Stage } from '../api/types';

/** A deal as lists, the board and the 360° view return it (with the names of what it points at). */
export interface DealCard extends RecordBase {
  customer_id: string;
  customer_name: string | null;
  contact_id: string | null;
  contact_name?: string | null;
  pipeline_id: string;
  pipeline_name?: string | null;
  stage_id: string;
  stage_name: string | null;
  stage_kind: string | null;
  stage_probability?: number | null;
  status: string;
  amount: number;
  currency: string;
  expected_close_date: string | null;
  stage_entered_at?: string | null;
  won_at?: string | null;
  lost_at?: string | null;
  lost_reason?: string | null;
}

export interface DealItem {
  id: string;
  product_id: string;
  product_name: string | null;
  position: number;
  quantity: number;
  unit_price: number;
  discount_percent: number;
  amount: number;
}

export interface DealDetail extends DealCard {
  items: DealItem[];
}

export interface BoardColumn extends Stage {
  count: number;
  amount: number;
  weighted_amount: number;
  deals: DealCard[];
}

export interface Board {
  pipeline: { id: string; name: string; is_default: boolean };
  stages: BoardColumn[];
  /** Sums over the open stages: the value still in play. */
  open: { count: number; amount: number; weighted_amount: number };
}
