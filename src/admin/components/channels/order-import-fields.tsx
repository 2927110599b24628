import { Input, Switch, Text } from "@medusajs/ui"
import { FormField } from "../common/form-field"

/** Same limits as the API's validator, so the form can warn before a round trip. */
export const SKU_SEPARATORS_MAX = 16
export const DEFAULT_SKU_SEPARATORS = "-_./"

export function skuSeparatorsError(value: string): string | null {
  return /\s/.test(value) ? "Spaces are always ignored; list other characters only" : null
}

type Props = {
  /** Prefix of the inputs' ids, so the create form and the edit drawer do not clash. */
  idPrefix: string
  orderImport: boolean
  onOrderImportChange: (enabled: boolean) => void
  skuSeparators: string
  onSkuSeparatorsChange: (value: string) => void
}

/** Order import on or off, and the characters the SKU matcher ignores. */
export const OrderImportFields = ({ idPrefix, orderImport, onOrderImportChange, skuSeparators, onSkuSeparatorsChange }: Props) => (
  <div className="flex flex-col gap-y-4">
    <div className="flex flex-col gap-y-1">
      <div className="flex items-center gap-x-3">
        <Switch id={`${idPrefix}-order-import`} name="order_import_enabled" checked={orderImport} onCheckedChange={onOrderImportChange} />
        <label htmlFor={`${idPrefix}-order-import`}>
          <Text size="small" weight="plus">
            Import orders
          </Text>
        </label>
      </div>
      <Text size="small" className="text-ui-fg-subtle">
        Orders placed on the channel become Medusa orders in its sales channel, reserving their stock.
      </Text>
    </div>
    <FormField
      id={`${idPrefix}-sku-separators`}
      label="SKU separators"
      optional
      hint={`Characters the matcher ignores in SKUs besides case and spaces. Empty uses ${DEFAULT_SKU_SEPARATORS}`}
      error={skuSeparatorsError(skuSeparators)}
    >
      <Input
        id={`${idPrefix}-sku-separators`}
        name="sku_separators"
        maxLength={SKU_SEPARATORS_MAX}
        placeholder={DEFAULT_SKU_SEPARATORS}
        value={skuSeparators}
        onChange={(event) => onSkuSeparatorsChange(event.target.value)}
      />
    </FormField>
  </div>
)
