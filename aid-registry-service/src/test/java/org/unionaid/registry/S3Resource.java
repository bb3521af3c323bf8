package org.unionaid.registry;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;

import java.net.URI;
import java.util.Map;

/**
 * A real S3 server for the registry: S3Proxy on a free port over jclouds' transient blob store, its bucket made, and
 * the registry told to keep documents there (DOCUMENTS_STORE=s3 with the S3_* settings), as in Kubernetes.
 */
public class S3Resource implements QuarkusTestResourceLifecycleManager {

    static final String ACCESS_KEY = "registry-test";
    static final String SECRET_KEY = "registry-test-secret";
    static final String BUCKET = "registry-documents";
    /** Where the test reads the objects raw; set once the server runs. */
    static volatile BlobStoreContext blobs;

    private static S3Proxy proxy;

    @Override
    public Map<String, String> start() {
        blobs = ContextBuilder.newBuilder("transient").credentials(ACCESS_KEY, SECRET_KEY).build(BlobStoreContext.class);
        blobs.getBlobStore().createContainerInLocation(null, BUCKET);
        proxy = S3Proxy.builder().blobStore(blobs.getBlobStore())
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .endpoint(URI.create("http://127.0.0.1:0")).build();
        try {
            proxy.start();
        } catch (Exception e) {
            throw new IllegalStateException("S3Proxy did not start", e);
        }
        while (!"STARTED".equals(proxy.getState())) {
            Thread.onSpinWait();
        }
        return Map.of("union-aid.documents.store", "s3",
                "union-aid.documents.s3.endpoint", "http://127.0.0.1:" + proxy.getPort(),
                "union-aid.documents.s3.bucket", BUCKET,
                "union-aid.documents.s3.access-key", ACCESS_KEY,
                "union-aid.documents.s3.secret-key", SECRET_KEY);
    }

    /** Stops the server as an outage would: the registry's next call finds nothing listening. */
    static void outage() throws Exception {
        if (!"STOPPED".equals(proxy.getState())) {
            proxy.stop();
        }
    }

    @Override
    public void stop() {
        try {
            outage();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            blobs.close();
        }
    }
}
