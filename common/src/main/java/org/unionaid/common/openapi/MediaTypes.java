package org.unionaid.common.openapi;

import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code @Produces("text/csv;qs=0.5")} (CSV only when asked for) is server-side negotiation: clients see the media
 * type alone, and a text answer without a declared schema is a string.
 */
final class MediaTypes {

    private MediaTypes() {
    }

    static void withoutQualityParameters(APIResponse response) {
        if (response.getContent() == null || response.getContent().getMediaTypes() == null) {
            return;
        }
        Map<String, MediaType> plain = new LinkedHashMap<>();
        Map<String, MediaType> qualified = new LinkedHashMap<>();
        response.getContent().getMediaTypes().forEach((type, media) -> {
            String bare = type.replaceAll(";\\s*qs=[0-9.]+", "");
            if (media.getSchema() == null && bare.startsWith("text/")) {
                media.setSchema(Schemas.string());
            }
            (bare.equals(type) ? plain : qualified).putIfAbsent(bare, media);
        });
        qualified.forEach(plain::putIfAbsent);
        response.getContent().setMediaTypes(plain);
    }
}
