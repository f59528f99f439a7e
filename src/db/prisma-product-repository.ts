/** The product catalogue (the ProductRepository port). */
import type { ProductRepository } from '../domain/ports/products.js';
import { toProduct, type Db } from './mappers.js';

export function makeProductRepository(db: Db): ProductRepository {
  return {
    async findById(id) {
      const row = await db.product.findUnique({ where: { id } });
      return row ? toProduct(row) : null;
    },
    async list() {
      return (await db.product.findMany({ orderBy: { name: 'asc' } })).map(toProduct);
    },
  };
}
