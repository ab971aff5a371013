/**
 * secp256k1 keys, signatures and ECDH, and Keccak-256: the curve maths of devp2p in one place.
 *
 * <p>Public types: {@link org.jdevp2p.crypto.PrivateKey}, {@link org.jdevp2p.crypto.PublicKey},
 * {@link org.jdevp2p.crypto.Signature}, {@link org.jdevp2p.crypto.Keccak256}, {@link
 * org.jdevp2p.crypto.Secp256k1} (the backend seam) and {@link
 * org.jdevp2p.crypto.InvalidKeyException}.
 */
package org.jdevp2p.crypto;
