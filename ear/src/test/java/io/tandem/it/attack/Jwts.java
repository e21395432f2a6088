package io.tandem.it.attack;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.UUID;

/**
 * Tokens as the integration tests' identity provider would issue them (RS256 with
 * {@code jwt/it-private.pem}; the server trusts {@code jwt/it-public.pem}), and forgeries of them.
 */
final class Jwts {
    static final String ISSUER = System.getProperty("tandem.it.jwt.issuer", "https://idp.it.tandem.test");
    static final String AUDIENCE = System.getProperty("tandem.it.jwt.audience", "tandem-api");
    static final String TENANT_CLAIM = "tandem_tenant";
    static final String ROLE_CLAIM = "tandem_role";

    private static PrivateKey privateKey;

    private Jwts() {}

    /** Valid claims for a member of a tenant with a role: issued now, valid for 5 minutes. */
    static JWTClaimsSet.Builder claims(UUID tenantId, String role, String subject) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .subject(subject)
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now.minusSeconds(5)))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
                .jwtID(UUID.randomUUID().toString())
                .claim(TENANT_CLAIM, tenantId.toString())
                .claim(ROLE_CLAIM, role);
    }

    /** Signed by the identity provider's key. */
    static String sign(JWTClaimsSet claims) {
        return rs256(claims, itPrivateKey());
    }

    static String valid(UUID tenantId, String role, String subject) {
        return sign(claims(tenantId, role, subject).build());
    }

    /** Signed by a key the server does not trust. */
    static String signedByStranger(JWTClaimsSet claims) {
        try {
            RSAKey stranger = new RSAKeyGenerator(2048).generate();
            return rs256(claims, stranger.toPrivateKey());
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** HS256 with the given bytes as the HMAC secret (the RS/HS confusion uses the public key's). */
    static String hs256(JWTClaimsSet claims, byte[] secret) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new MACSigner(secret));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code alg: none} (spelled as given), with the given signature part (empty for a bare unsecured token). */
    static String unsecured(JWTClaimsSet claims, String alg, String signature) {
        String header = Base64URL.encode("{\"alg\":\"" + alg + "\",\"typ\":\"JWT\"}").toString();
        String payload = Base64URL.encode(claims.toString()).toString();
        return header + "." + payload + "." + signature;
    }

    /** The signature part of a token. */
    static String signatureOf(String token) {
        return token.substring(token.lastIndexOf('.') + 1);
    }

    static byte[] publicKeyPem() {
        return TestFiles.read("/jwt/it-public.pem");
    }

    /** The public key's DER bytes (the PEM's base64 body decoded). */
    static byte[] publicKeyDer() {
        return Base64.getMimeDecoder().decode(pemBody(new String(publicKeyPem(), StandardCharsets.US_ASCII)));
    }

    private static String rs256(JWTClaimsSet claims, PrivateKey key) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static synchronized PrivateKey itPrivateKey() {
        if (privateKey == null) {
            try {
                byte[] der = Base64.getMimeDecoder().decode(pemBody(new String(TestFiles.read("/jwt/it-private.pem"), StandardCharsets.US_ASCII)));
                privateKey = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (java.security.GeneralSecurityException e) {
                throw new IllegalStateException("jwt/it-private.pem is not a PKCS#8 RSA key", e);
            }
        }
        return privateKey;
    }

    private static String pemBody(String pem) {
        return pem.replaceAll("-----(BEGIN|END) [A-Z ]+-----", "").replaceAll("\\s", "");
    }
}
