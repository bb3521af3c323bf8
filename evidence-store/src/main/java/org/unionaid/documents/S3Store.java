package org.unionaid.documents;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.time.Duration;
import java.util.Optional;

/**
 * Objects in a bucket of S3-compatible object storage, through the AWS SDK v2's synchronous client.
 * A put first looks for the key, then writes with {@code If-None-Match: *}, so that a server that
 * honours conditional writes (AWS S3, MinIO, Ceph RGW) refuses a second writer of the same key instead
 * of replacing its object; on a server that ignores the header (S3Proxy 2.6 does) only the look
 * guards, which is enough for keys that are fresh UUIDs.
 * <p>
 * Transfer checksums are left to "when required": the objects carry their own integrity (the GCM tag
 * of the seal, the document's SHA-256), and several S3-compatible servers refuse the SDK's default
 * trailing checksums.
 */
public final class S3Store implements DocumentStore, AutoCloseable {

    private static final String CONTENT_TYPE = "application/octet-stream";

    private final S3Client s3;
    private final String bucket;
    private final boolean ownsClient;

    /** A store on a client the caller made and closes. */
    public S3Store(S3Client s3, String bucket) {
        this(s3, bucket, false);
    }

    private S3Store(S3Client s3, String bucket, boolean ownsClient) {
        this.s3 = s3;
        this.bucket = bucket;
        this.ownsClient = ownsClient;
    }

    /** A store with its own client for these settings; {@link #close()} closes it. */
    public static S3Store connect(S3Settings settings) {
        return new S3Store(client(settings), settings.bucket(), true);
    }

    /** The client {@link #connect} uses: path-style, static credentials, the JDK's HTTP client. */
    public static S3Client client(S3Settings settings) {
        return clientBuilder(settings).build();
    }

    /** The configuration of {@link #client}, for a caller that adds to it (metrics, interceptors). */
    public static S3ClientBuilder clientBuilder(S3Settings settings) {
        return S3Client.builder()
                .endpointOverride(settings.endpoint())
                .region(Region.of(settings.region()))
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(settings.accessKey(), settings.secretKey())))
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(5))
                        .socketTimeout(Duration.ofSeconds(30)))
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
    }

    /** The bucket the objects are in. */
    public String bucket() {
        return bucket;
    }

    @Override
    public void put(String key, byte[] sealed) {
        DocumentStore.requireKey(key);
        if (WriteOnce.alreadyThere(this, key, sealed)) {
            return;
        }
        try {
            s3.putObject(request -> request.bucket(bucket).key(key).ifNoneMatch("*").contentType(CONTENT_TYPE),
                    RequestBody.fromBytes(sealed));
        } catch (S3Exception e) {
            // 412: the key was taken between the look and the write (409: a conditional write racing another).
            if ((e.statusCode() == 412 || e.statusCode() == 409) && WriteOnce.alreadyThere(this, key, sealed)) {
                return;
            }
            throw failure("written", key, e);
        } catch (SdkException e) {
            throw failure("written", key, e);
        }
    }

    @Override
    public Optional<byte[]> get(String key) {
        DocumentStore.requireKey(key);
        try {
            return Optional.of(s3.getObjectAsBytes(request -> request.bucket(bucket).key(key)).asByteArray());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404 && !"NoSuchBucket".equals(errorCode(e))) {
                return Optional.empty();
            }
            throw failure("read", key, e);
        } catch (SdkException e) {
            throw failure("read", key, e);
        }
    }

    @Override
    public void delete(String key) {
        DocumentStore.requireKey(key);
        try {
            s3.deleteObject(request -> request.bucket(bucket).key(key));
        } catch (SdkException e) {
            throw failure("deleted", key, e);
        }
    }

    private StoreFailure failure(String what, String key, SdkException e) {
        return new StoreFailure("Object " + key + " could not be " + what + " in bucket " + bucket, e);
    }

    private static String errorCode(S3Exception e) {
        return e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
    }

    @Override
    public void close() {
        if (ownsClient) {
            s3.close();
        }
    }
}
