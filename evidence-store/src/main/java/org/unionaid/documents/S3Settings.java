package org.unionaid.documents;

import java.net.URI;
import java.util.Objects;

/**
 * Where an S3-compatible object store is and how to sign in: {@code endpoint} (e.g. a MinIO or Ceph
 * service in the cluster; path-style access, so no bucket DNS names are needed), {@code region} (any
 * name the server accepts; signatures include it), {@code bucket}, and the access key pair.
 */
public record S3Settings(URI endpoint, String region, String bucket, String accessKey, String secretKey) {

    public S3Settings {
        Objects.requireNonNull(endpoint, "S3 endpoint");
        require(region, "S3 region");
        require(bucket, "S3 bucket");
        require(accessKey, "S3 access key");
        require(secretKey, "S3 secret key");
        if (!"http".equals(endpoint.getScheme()) && !"https".equals(endpoint.getScheme())) {
            throw new IllegalArgumentException("S3 endpoint must be an http or https URL");
        }
    }

    private static void require(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " is not set");
        }
    }

    /** Never prints the secret key. */
    @Override
    public String toString() {
        return "S3Settings[endpoint=" + endpoint + ", region=" + region + ", bucket=" + bucket
                + ", accessKey=" + accessKey + ", secretKey=***]";
    }
}
