/**
 * The Admin GraphQL documents the adapter sends. Page sizes keep each query under Shopify's
 * 1,000-point single-query cap (a connection costs 2 plus `first` times one node).
 */

export const SHOP = /* GraphQL */ `
  query MarketplaceShop {
    shop { name myshopifyDomain }
  }
`

export const LOCATIONS = /* GraphQL */ `
  query MarketplaceLocations($after: String) {
    locations(first: 250, after: $after, includeInactive: true) {
      nodes { id name isActive }
      pageInfo { hasNextPage endCursor }
    }
  }
`

/** SKUs looked up per call (the search string of `sku:… OR …`). */
export const SKU_LOOKUP_SIZE = 50
export const VARIANTS_BY_SKU = /* GraphQL */ `
  query MarketplaceVariantsBySku($query: String!, $first: Int!) {
    productVariants(first: $first, query: $query) {
      nodes { id sku inventoryItem { id tracked } }
    }
  }
`

export const SET_QUANTITIES = /* GraphQL */ `
  mutation MarketplaceSetQuantities($input: InventorySetQuantitiesInput!, $key: String!) {
    inventorySetQuantities(input: $input) @idempotent(key: $key) {
      inventoryAdjustmentGroup { id changes { name delta quantityAfterChange item { id } location { id } } }
      userErrors { code field message }
    }
  }
`

export const ACTIVATE = /* GraphQL */ `
  mutation MarketplaceActivate($item: ID!, $location: ID!, $key: String!) {
    inventoryActivate(inventoryItemId: $item, locationId: $location, available: 0) @idempotent(key: $key) {
      inventoryLevel { id }
      userErrors { field message }
    }
  }
`

/** Items per read-back page, each with up to LEVELS_PER_ITEM locations (cost 2 + 25 × 33). */
export const ITEMS_PER_PAGE = 25
export const LEVELS_PER_ITEM = 10
export const INVENTORY_LEVELS = /* GraphQL */ `
  query MarketplaceLevels($first: Int!, $after: String, $query: String) {
    inventoryItems(first: $first, after: $after, query: $query) {
      nodes {
        id
        sku
        inventoryLevels(first: ${LEVELS_PER_ITEM}) {
          nodes { location { id } quantities(names: ["available"]) { name quantity } updatedAt }
        }
      }
      pageInfo { hasNextPage endCursor }
    }
  }
`

export const CATALOGUE = /* GraphQL */ `
  query MarketplaceCatalogue($after: String) {
    productVariants(first: 100, after: $after) {
      nodes { id sku barcode title product { title status } inventoryItem { id } }
      pageInfo { hasNextPage endCursor }
    }
  }
`

/** Orders per page, each with up to 50 lines (cost 2 + 5 × 153). */
export const ORDERS = /* GraphQL */ `
  query MarketplaceOrders($query: String!, $after: String) {
    orders(first: 5, after: $after, query: $query, sortKey: UPDATED_AT) {
      nodes {
        id
        createdAt
        updatedAt
        cancelledAt
        displayFulfillmentStatus
        currencyCode
        email
        lineItems(first: 50) { nodes { sku title quantity originalUnitPriceSet { shopMoney { amount } } } }
      }
      pageInfo { hasNextPage endCursor }
    }
  }
`

/** Shopify's search syntax for an exact SKU; quotes and backslashes escaped. */
export function skuTerm(sku: string): string {
  return `sku:"${sku.replace(/["\\]/g, (c) => `\\${c}`)}"`
}
