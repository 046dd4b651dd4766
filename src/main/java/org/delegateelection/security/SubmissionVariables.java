package org.delegateelection.security;

import java.util.Set;

/**
 * The variables a submission may carry: per task definition key for a task completion, and for the start form of an
 * election. The catalogue of steps answers it (a bean of the process glue); {@link EngineRestGuard} asks it, so that
 * access control depends on no package of the domain (the catalogue's facts name candidate lists and checks, whose
 * controllers depend on access control).
 */
public interface SubmissionVariables {

    /** The names a completion of a task of this key may carry; empty for an unknown key. */
    Set<String> ofTask(String taskDefinitionKey);

    /** The names the start form of {@code delegate-election} may carry. */
    Set<String> ofStartForm();
}
