package org.unionaid.common.openapi;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;

/** Small pieces the contract's parts share. */
final class Schemas {

    private Schemas() {
    }

    static Schema string() {
        return OASFactory.createSchema().addType(SchemaType.STRING);
    }

    static boolean isHeader(Parameter parameter, String name) {
        return parameter.getIn() == Parameter.In.HEADER && name.equalsIgnoreCase(parameter.getName());
    }
}
