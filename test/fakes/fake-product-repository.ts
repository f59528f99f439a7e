/** ProductRepository in memory. */
import type { ProductRepository } from '../../src/domain/ports/products.js';
import type { Product } from '../../src/domain/shared/model.js';
import type { FakeDatabase, ProductRow } from './fake-database.js';

export const toProduct = ({ softwareOptions: _options, ...product }: ProductRow): Product => product;

export function makeFakeProductRepository(db: FakeDatabase): ProductRepository {
  return {
    async findById(id) {
      const row = db.tables.products.get(id);
      return row ? toProduct(row) : null;
    },
    async list() {
      return [...db.tables.products.values()].map(toProduct);
    },
  };
}
