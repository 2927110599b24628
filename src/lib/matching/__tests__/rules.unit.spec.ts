import { editDistance, gtinCheckDigitValid, normalizeGtin, normalizeSku, VariantIndex } from "../rules"

describe("SKU normalisation", () => {
  it("ignores case, surrounding and inner spaces and the channel's separators", () => {
    expect(normalizeSku("  Tshirt-M ")).toBe("tshirtm")
    expect(normalizeSku("TSHIRT M")).toBe("tshirtm")
    expect(normalizeSku("tshirt_m\t")).toBe("tshirtm")
    expect(normalizeSku("A.B/C")).toBe("abc")
    // Separators are per channel: with none configured only case and spaces go.
    expect(normalizeSku("TSHIRT-M", "")).toBe("tshirt-m")
  })
})

describe("GTIN check digits", () => {
  it("accepts GTIN-8, UPC-A, EAN-13 and GTIN-14 with a right check digit, as 14 digits", () => {
    expect(normalizeGtin("96385074")).toBe("00000096385074")
    expect(normalizeGtin("036000291452")).toBe("00036000291452")
    expect(normalizeGtin("4006381333931")).toBe("04006381333931")
    expect(normalizeGtin("4006 3813-33931")).toBe("04006381333931")
    expect(normalizeGtin("10012345678902")).toBe("10012345678902")
  })

  it("refuses a wrong check digit, a wrong length and anything but digits", () => {
    expect(normalizeGtin("4006381333932")).toBeNull()
    expect(gtinCheckDigitValid("036000291453")).toBe(false)
    expect(normalizeGtin("12345")).toBeNull()
    expect(normalizeGtin("40063813339X1")).toBeNull()
    expect(normalizeGtin(null)).toBeNull()
  })

  it("sees a UPC-A and the EAN-13 with its leading zero as one code", () => {
    expect(normalizeGtin("036000291452")).toBe(normalizeGtin("0036000291452"))
  })
})

describe("the matcher's rules, in order", () => {
  const index = new VariantIndex([
    { id: "v1", sku: "TSHIRT-M", barcode: null },
    { id: "v2", sku: "SWEAT-L", ean: "4006381333931" },
    { id: "v3", sku: "CAP-1", upc: "036000291452" },
    { id: "v4", sku: "MUG-A" },
    { id: "v5", sku: "mug a" },
  ])

  it("prefers an exact SKU, then a normalised one, then a GTIN, then a mapped product id", () => {
    expect(index.suggest({ sku: "TSHIRT-M", gtin: "4006381333931" })).toMatchObject({ variant_id: "v1", rule: "exact_sku", confidence: 1 })
    expect(index.suggest({ sku: " tshirt m ", gtin: "4006381333931" })).toMatchObject({ variant_id: "v1", rule: "normalized_sku", confidence: 0.9 })
    expect(index.suggest({ sku: "X-1", gtin: "4006381333931" })).toMatchObject({ variant_id: "v2", rule: "gtin", confidence: 0.95 })
    expect(index.suggest({ sku: "X-2", gtin: "0036000291452" })).toMatchObject({ variant_id: "v3", rule: "gtin" })
    const mapped = new Map([["P-9", { id: "v4", sku: "MUG-A" }]])
    expect(index.suggest({ sku: "X-3", channel_product_id: "P-9" }, mapped)).toMatchObject({ variant_id: "v4", rule: "channel_product_id", confidence: 1 })
    expect(index.suggest({ sku: "X-4" }, mapped)).toBeNull()
  })

  it("suggests nothing when a normalised SKU fits two variants", () => {
    expect(index.suggest({ sku: "MUG_A" })).toBeNull()
    expect(index.suggest({ sku: "mug a" })).toMatchObject({ variant_id: "v5", rule: "exact_sku" })
  })

  it("names the nearest SKUs of one that matches nothing", () => {
    expect(index.nearestSkus("TSHIRT-XL")).toEqual(["TSHIRT-M"])
    expect(index.nearestSkus("COMPLETELY-OTHER")).toEqual([])
    expect(editDistance("kitten", "sitting", 5)).toBe(3)
    expect(editDistance("a", "abcdefgh", 3)).toBe(4)
  })
})
