import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto"
import { MedusaError } from "@medusajs/framework/utils"

const ALGORITHM = "aes-256-gcm"
const VERSION = "v1"

/**
 * AES-256-GCM for channel credentials. Output: `v1.<key id>.<iv>.<tag>.<ciphertext>` (base64url),
 * where the key id (first bytes of the key's SHA-256) makes "encrypted under another key" a clear
 * error instead of an authentication failure.
 */
export class CredentialsCipher {
  private readonly key: Buffer
  private readonly keyId: string

  constructor(rawKey: string) {
    this.key = parseKey(rawKey)
    this.keyId = createHash("sha256").update(this.key).digest("base64url").slice(0, 8)
  }

  encrypt(credentials: Record<string, string>): string {
    const iv = randomBytes(12)
    const cipher = createCipheriv(ALGORITHM, this.key, iv)
    const body = Buffer.concat([cipher.update(JSON.stringify(credentials), "utf8"), cipher.final()])
    const tag = cipher.getAuthTag()
    return [VERSION, this.keyId, iv.toString("base64url"), tag.toString("base64url"), body.toString("base64url")].join(".")
  }

  decrypt(payload: string): Record<string, string> {
    const [version, keyId, iv, tag, body] = payload.split(".")
    if (version !== VERSION || !body) {
      throw new MedusaError(MedusaError.Types.UNEXPECTED_STATE, "Stored channel credentials are not in a known format")
    }
    if (keyId !== this.keyId) {
      throw new MedusaError(
        MedusaError.Types.UNEXPECTED_STATE,
        "Channel credentials were encrypted with a different MARKETPLACE_ENCRYPTION_KEY; re-enter them or restore the old key"
      )
    }
    const decipher = createDecipheriv(ALGORITHM, this.key, Buffer.from(iv, "base64url"))
    decipher.setAuthTag(Buffer.from(tag, "base64url"))
    const plain = Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()])
    return JSON.parse(plain.toString("utf8")) as Record<string, string>
  }
}

export function parseKey(raw: string): Buffer {
  const trimmed = raw.trim()
  const key = /^[0-9a-fA-F]{64}$/.test(trimmed) ? Buffer.from(trimmed, "hex") : Buffer.from(trimmed, "base64")
  if (key.length !== 32) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      "MARKETPLACE_ENCRYPTION_KEY must be 32 bytes, given as base64 or 64 hex characters (generate one with `openssl rand -base64 32`)"
    )
  }
  return key
}

/** Shows enough of a secret to recognise it, never enough to use it. */
export function maskSecret(value: string): string {
  return value.length >= 12 ? `••••••••${value.slice(-4)}` : "••••••••"
}
