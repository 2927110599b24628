/**
 * A shopper's checkout through the Store API, as a storefront makes it: cart, address, shipping
 * method, payment session with the system provider, completion. Returns the order id.
 */
export type StoreCheckout = {
  baseUrl: string
  publishableKey: string
  regionId: string
  items: { variant_id: string; quantity: number }[]
}

export async function checkout({ baseUrl, publishableKey, regionId, items }: StoreCheckout): Promise<{ order_id: string; completed_at: number }> {
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(baseUrl + path, {
      method,
      headers: { "content-type": "application/json", "x-publishable-api-key": publishableKey },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const json = (await response.json().catch(() => ({}))) as any
    if (!response.ok) {
      throw new Error(`${method} ${path} answered ${response.status}: ${json?.message ?? JSON.stringify(json)}`)
    }
    return json
  }
  const address = { first_name: "Ada", last_name: "Buyer", address_1: "Hauptstrasse 1", city: "Berlin", postal_code: "10115", country_code: "de" }
  const { cart } = await call("POST", "/store/carts", { region_id: regionId, email: "buyer@example.com", shipping_address: address, billing_address: address, items })
  const { shipping_options } = await call("GET", `/store/shipping-options?cart_id=${cart.id}`)
  if (!shipping_options?.length) {
    throw new Error("checkout: the cart has no shipping option")
  }
  await call("POST", `/store/carts/${cart.id}/shipping-methods`, { option_id: shipping_options[0].id })
  const { payment_collection } = await call("POST", "/store/payment-collections", { cart_id: cart.id })
  await call("POST", `/store/payment-collections/${payment_collection.id}/payment-sessions`, { provider_id: "pp_system_default" })
  const completed = await call("POST", `/store/carts/${cart.id}/complete`)
  if (completed.type !== "order") {
    throw new Error(`checkout: the cart did not complete: ${JSON.stringify(completed.error ?? completed)}`)
  }
  return { order_id: completed.order.id, completed_at: Date.now() }
}
