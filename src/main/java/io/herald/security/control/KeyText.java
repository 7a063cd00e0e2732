package io.herald.security.control;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import java.util.Base64;

/**
 * An issuer's public key(s) as MicroProfile JWT lets an operator write them, in
 * {@code mp.jwt.verify.publickey} or the file or URL {@code mp.jwt.verify.publickey.location} names: a PEM
 * public key or certificate, a JWK, a JWK set, the Base64URL encoding of a JWK or JWK set, or a bare
 * Base64 DER public key. Private key parts are never kept. Security: the text is the operator's, not a
 * caller's; it is never logged (it is not secret, but a mistake can put a private key into it).
 */
final class KeyText {

    private KeyText() {}

    /**
     * @throws IllegalArgumentException when the text is none of the forms above
     */
    static JWKSet parse(String text) {
        String trimmed = text.strip();
        try {
            if (trimmed.startsWith("{")) {
                return json(trimmed);
            }
            if (trimmed.startsWith("-----BEGIN CERTIFICATE")) {
                return new JWKSet(jwk(CertificateFactory.getInstance("X.509")
                        .generateCertificate(new ByteArrayInputStream(trimmed.getBytes(StandardCharsets.US_ASCII)))
                        .getPublicKey()));
            }
            String body = trimmed.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            if (body.startsWith("ey")) {
                // Base64URL of '{': an encoded JWK or JWK set
                return json(new String(Base64.getUrlDecoder().decode(body), StandardCharsets.UTF_8));
            }
            return new JWKSet(jwk(der(Base64.getMimeDecoder().decode(body))));
        } catch (ParseException | GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not a PEM public key or certificate, a JWK or a JWK set: "
                    + e.getClass().getSimpleName());
        }
    }

    private static JWKSet json(String json) throws ParseException {
        JWKSet set = json.contains("\"keys\"") ? JWKSet.parse(json) : new JWKSet(JWK.parse(json));
        return set.toPublicJWKSet();
    }

    /** An X.509 SubjectPublicKeyInfo: RSA or EC, whichever it is. */
    private static PublicKey der(byte[] der) throws GeneralSecurityException {
        X509EncodedKeySpec spec = new X509EncodedKeySpec(der);
        try {
            return KeyFactory.getInstance("RSA").generatePublic(spec);
        } catch (GeneralSecurityException notRsa) {
            return KeyFactory.getInstance("EC").generatePublic(spec);
        }
    }

    private static JWK jwk(PublicKey key) throws GeneralSecurityException {
        if (key instanceof RSAPublicKey rsa) {
            return new RSAKey.Builder(rsa).build();
        }
        if (key instanceof ECPublicKey ec) {
            Curve curve = Curve.forECParameterSpec(ec.getParams());
            if (curve == null) {
                throw new GeneralSecurityException("an EC curve JWS does not use");
            }
            return new ECKey.Builder(curve, ec).build();
        }
        throw new GeneralSecurityException("neither an RSA nor an EC key");
    }
}
