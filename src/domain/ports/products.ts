/** The product catalog port. */
import type { Product } from '../shared/model.js';

export interface ProductRepository {
  findById(id: string): Promise<Product | null>;
  list(): Promise<Product[]>;
}
