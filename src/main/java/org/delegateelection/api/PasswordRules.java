package org.delegateelection.api;

import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.identity.PasswordPolicyRule;

/** The rules of Camunda's password policy as a person reads them, in Chinese. */
public final class PasswordRules {

    /** The rules of Camunda's default password policy, by placeholder, with their one parameter. */
    private static final Map<String, String> TEXTS = Map.of(
            "PASSWORD_POLICY_LENGTH", "至少 %s 个字符",
            "PASSWORD_POLICY_LOWERCASE", "至少 %s 个小写字母",
            "PASSWORD_POLICY_UPPERCASE", "至少 %s 个大写字母",
            "PASSWORD_POLICY_DIGIT", "至少 %s 个数字",
            "PASSWORD_POLICY_SPECIAL", "至少 %s 个特殊字符",
            "PASSWORD_POLICY_USER_DATA", "不得包含账号、姓名或电子邮箱");

    private PasswordRules() {
    }

    /** The rules, e.g. "至少 10 个字符；至少 1 个特殊字符"; a rule of another policy by its placeholder. */
    public static String describe(Collection<PasswordPolicyRule> rules) {
        return rules.stream().map(rule -> {
            String text = TEXTS.getOrDefault(rule.getPlaceholder(), rule.getPlaceholder());
            return rule.getParameters() == null ? text : String.format(text, rule.getParameters().values().toArray());
        }).collect(Collectors.joining("；"));
    }
}
