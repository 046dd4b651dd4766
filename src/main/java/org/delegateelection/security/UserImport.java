package org.delegateelection.security;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.PasswordPolicy;
import org.camunda.bpm.engine.identity.User;
import org.delegateelection.election.ElectionRequest;
import org.delegateelection.election.RecommendingUnit;
import org.delegateelection.system.InvalidInputException;
import org.delegateelection.system.Problem;
import org.delegateelection.system.TableFile;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Imports an organization department's people into the engine's users, as it keeps them in a sheet: one row per
 * person with the columns {@link #COLUMNS} (账号, 姓名, 所属机关或推荐单位, 电子邮箱; by header, in any order). A new
 * account is created with a random initial password, returned once and stored only as the engine's salted hash; an
 * existing one has its name and e-mail updated (its password stays). Its memberships among the bodies' groups and the
 * recommending units' groups become exactly those of the row; other memberships (administrators) stay. A bad file is
 * refused whole with every row and reason, and nothing is stored.
 *
 * <p>A group is named by its id ({@code org-dept}, {@code ru-city01}) or its name (组织部, 东川市党委, or the unit's
 * name 东川市); several are separated by "、", "，", "," or ";". Administrators ({@code camunda-admin}) are made in
 * Admin, never by a file, and only an administrator's import may change an administrator's account.
 *
 * <p>Every person imported works for one electoral unit (decision 0030): he becomes a member of its tenant, unless
 * all his groups are central bodies ({@link AccessRules#CENTRAL_BODIES}, which see every unit). An organization
 * department imports into its own unit only, and may neither make anyone a member of a central body nor change an
 * account of another unit or of a central body; an administrator names the unit, or none.
 */
@Service
public class UserImport {

    /** The columns of the file, in the template's order. */
    public static final List<String> COLUMNS = List.of("账号", "姓名", "所属机关或推荐单位", "电子邮箱");

    /** A file holds at most 5,000 people in at most 8 columns. */
    static final TableFile.Limits LIMITS = new TableFile.Limits(5_000, 8, 40_000);

    /** The engine's ids of users and groups (its {@code generalResourceWhitelistPattern}), at most 64 characters. */
    static final Pattern ACCOUNT = Pattern.compile("[a-zA-Z0-9-]{1,64}");

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern GROUP_SEPARATORS = Pattern.compile("[、，,;；]");
    private static final String PASSWORD_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final IdentityService identityService;
    private final CallerChecked callerChecked;
    private final UnitTenants tenants;

    /** Works on the engine's users and groups, and the units' tenants. */
    public UserImport(IdentityService identityService, CallerChecked callerChecked, UnitTenants tenants) {
        this.identityService = identityService;
        this.callerChecked = callerChecked;
        this.tenants = tenants;
    }

    /**
     * One person of the file, as validated.
     *
     * @param row    the row in the file (the header is row 1)
     * @param userId the account
     * @param name   the full name, as Chinese writes it
     * @param groups the groups' ids
     * @param email  the e-mail address, or {@code null}
     */
    record Person(int row, String userId, String name, Set<String> groups, String email) {
    }

    /**
     * A person as imported: the account, the name and, for a new account, the initial password (else {@code null}).
     */
    public record Imported(String userId, String name, String initialPassword) {
    }

    /** What an import did: every person in file order, and how many accounts were created and updated. */
    public record Result(int created, int updated, List<Imported> people) {
    }

    /**
     * Reads, validates and stores the file.
     *
     * @param asAdministrator whether the caller is an administrator (may change administrators' accounts, and any
     *                        unit's)
     * @param unit            the electoral unit (its tenant id, the code of its first election) the people work for;
     *                        {@code null}: the calling organization department's own unit, or for an administrator
     *                        none; an administrator may name a unit that has no election yet, which is then created
     * @throws InvalidInputException with every problem (row, column, reason), or naming {@code unit} when the caller
     *                               may not import into it or must name it; nothing is stored then
     */
    @Transactional
    public Result importFile(TableFile.Format format, byte[] content, boolean asAdministrator, String unit) {
        String tenant = unit(unit, asAdministrator);
        // the caller (the organization department) may not read the engine's groups and users, which the checks
        // of the file need: they are looked up, and the file stored, with the engine's checks lifted
        Directory directory = callerChecked.withoutEngineChecks(this::directory);
        List<Person> people = read(format, content, directory, asAdministrator, tenant);
        return callerChecked.withoutEngineChecks(() -> store(people, tenant));
    }

    /** The unit of an import, checked against the caller's own units; {@code null} for none (administrators). */
    private String unit(String unit, boolean asAdministrator) {
        String caller = identityService.getCurrentAuthentication() == null ? null
                : identityService.getCurrentAuthentication().getUserId();
        List<String> own = caller == null ? List.of() : tenants.ownOf(caller);
        if (unit != null && !ElectionRequest.CODE.matcher(unit).matches()) {
            throw InvalidInputException.field("unit", "选举单位代码须为1至64位小写字母、数字或连字符：" + unit);
        }
        if (asAdministrator) {
            if (unit != null) {
                tenants.ensure(unit, unit);
            }
            return unit;
        }
        if (unit != null && !own.contains(unit)) {
            throw InvalidInputException.field("unit", "只能导入本选举单位的人员：您不属于选举单位 " + unit);
        }
        if (unit == null && own.size() != 1) {
            throw InvalidInputException.field("unit", own.isEmpty() ? "您的账号不属于任何选举单位，请由管理员导入"
                    : "您属于多个选举单位（" + String.join("、", own) + "），请用参数 unit 指明导入哪个单位的人员");
        }
        return unit != null ? unit : own.get(0);
    }

    /**
     * What a file is checked against: the groups a row may name (by id, by name and by unit name), the
     * administrators' accounts, the central bodies' accounts and each account's own units.
     */
    private record Directory(Map<String, String> groupIds, Set<String> administrators, Set<String> central,
            Map<String, List<String>> units) {
    }

    private Directory directory() {
        Set<String> administrators = new HashSet<>();
        identityService.createUserQuery().memberOfGroup(Groups.CAMUNDA_ADMIN).list()
                .forEach(user -> administrators.add(user.getId()));
        Set<String> central = new HashSet<>();
        AccessRules.CENTRAL_BODIES.forEach(body -> identityService.createUserQuery().memberOfGroup(body).list()
                .forEach(user -> central.add(user.getId())));
        Map<String, List<String>> units = new HashMap<>();
        identityService.createTenantQuery().list().forEach(tenant -> identityService.createUserQuery()
                .memberOfTenant(tenant.getId()).list()
                .forEach(user -> units.computeIfAbsent(user.getId(), u -> new ArrayList<>()).add(tenant.getId())));
        return new Directory(groupIdsByName(), administrators, central, units);
    }

    private static List<Person> read(TableFile.Format format, byte[] content, Directory directory,
            boolean asAdministrator, String tenant) {
        List<Problem> problems = new ArrayList<>();
        List<Person> people = new ArrayList<>();
        Map<String, Integer> column = new HashMap<>();
        Map<String, Integer> seen = new HashMap<>();
        boolean[] header = {false};
        try {
            TableFile.read(format, content, LIMITS, row -> {
                if (!header[0]) {
                    header[0] = true;
                    header(row, column, problems);
                    return;
                }
                if (!problems.isEmpty() && problems.get(0).row() != null && problems.get(0).row() == 1) {
                    // a bad header: its problems say it all
                    return;
                }
                Person person = person(row, column, directory.groupIds(), problems);
                if (person == null) {
                    return;
                }
                Integer earlier = seen.putIfAbsent(person.userId(), row.number());
                if (earlier != null) {
                    problems.add(new Problem(row.number(), "账号", "账号 " + person.userId() + " 与第" + earlier + "行重复"));
                } else if (!asAdministrator && directory.administrators().contains(person.userId())) {
                    problems.add(new Problem(row.number(), "账号", person.userId() + " 是系统管理员，只能由管理员修改"));
                } else if (!asAdministrator && person.groups().stream().anyMatch(AccessRules.CENTRAL_BODIES::contains)) {
                    problems.add(new Problem(row.number(), "所属机关或推荐单位", "中央组织部、代表资格审查委员会的人员"
                            + "须由管理员导入"));
                } else if (!asAdministrator && directory.central().contains(person.userId())) {
                    problems.add(new Problem(row.number(), "账号", person.userId() + " 是中央机关的账号，只能由管理员修改"));
                } else if (!asAdministrator && directory.units().getOrDefault(person.userId(), List.of()).stream()
                        .anyMatch(unit -> !unit.equals(tenant))) {
                    problems.add(new Problem(row.number(), "账号", person.userId() + " 属于其他选举单位（"
                            + String.join("、", directory.units().get(person.userId()))
                            + "），只能由该单位的组织部或管理员修改"));
                } else {
                    people.add(person);
                }
            });
        } catch (TableFile.UnreadableException e) {
            throw new InvalidInputException("用户名单文件有误，未保存任何内容", List.of(new Problem(null, null, e.getMessage())));
        }
        if (!header[0]) {
            problems.add(new Problem(null, null, "文件为空：第1行须为表头 " + String.join("、", COLUMNS)));
        } else if (people.isEmpty() && problems.isEmpty()) {
            problems.add(new Problem(null, null, "表头之后没有人员"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException("用户名单文件有误，未保存任何内容", problems);
        }
        return people;
    }

    private static void header(TableFile.Row row, Map<String, Integer> column, List<Problem> problems) {
        for (int i = 0; i < row.cells().size(); i++) {
            String name = row.cells().get(i) == null ? "" : row.cells().get(i).strip();
            if (!name.isEmpty() && !COLUMNS.contains(name)) {
                problems.add(new Problem(1, name, "未知的列，表头须为 " + String.join("、", COLUMNS)));
            } else if (!name.isEmpty() && column.put(name, i) != null) {
                problems.add(new Problem(1, name, "列重复"));
            }
        }
        for (String required : COLUMNS.subList(0, 3)) {
            if (!column.containsKey(required)) {
                problems.add(new Problem(1, required, "缺少此列"));
            }
        }
    }

    private static Person person(TableFile.Row row, Map<String, Integer> column, Map<String, String> groupIds,
            List<Problem> problems) {
        int before = problems.size();
        // an unreadable cell (an error value, a formula without its result) is reported as it is, not as empty
        row.unreadable().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(cell -> column.entrySet()
                .stream().filter(named -> named.getValue().equals(cell.getKey())).findFirst()
                .ifPresent(named -> problems.add(new Problem(row.number(), named.getKey(), cell.getValue()))));
        if (problems.size() > before) {
            return null;
        }
        String userId = cell(row, column, "账号");
        if (userId.isEmpty()) {
            problems.add(new Problem(row.number(), "账号", "不能为空"));
        } else if (!ACCOUNT.matcher(userId).matches()) {
            problems.add(new Problem(row.number(), "账号", "只能由英文字母、数字和连字符“-”组成，至多 64 个字符：" + userId));
        }
        String name = cell(row, column, "姓名");
        if (name.isEmpty()) {
            problems.add(new Problem(row.number(), "姓名", "不能为空"));
        } else if (name.length() > 100) {
            problems.add(new Problem(row.number(), "姓名", "不能超过 100 个字符"));
        }
        Set<String> groups = new LinkedHashSet<>();
        String named = cell(row, column, "所属机关或推荐单位");
        for (String part : GROUP_SEPARATORS.split(named)) {
            String group = part.strip();
            if (group.isEmpty()) {
                continue;
            }
            if (Groups.CAMUNDA_ADMIN.equals(group) || "系统管理员".equals(group)) {
                problems.add(new Problem(row.number(), "所属机关或推荐单位", "系统管理员须由管理员在 Admin 中指定"));
            } else if (groupIds.containsKey(group)) {
                groups.add(groupIds.get(group));
            } else {
                problems.add(new Problem(row.number(), "所属机关或推荐单位", "没有这个机关或推荐单位：" + group
                        + "（推荐单位的用户组在登记选举时建立）"));
            }
        }
        if (named.isBlank()) {
            problems.add(new Problem(row.number(), "所属机关或推荐单位", "不能为空"));
        }
        String email = column.containsKey("电子邮箱") ? cell(row, column, "电子邮箱") : "";
        if (!email.isEmpty() && (email.length() > 255 || !EMAIL.matcher(email).matches())) {
            problems.add(new Problem(row.number(), "电子邮箱", "不是有效的电子邮箱地址：" + email));
        }
        return problems.size() > before ? null
                : new Person(row.number(), userId, name, groups, email.isEmpty() ? null : email);
    }

    private static String cell(TableFile.Row row, Map<String, Integer> column, String name) {
        Integer index = column.get(name);
        if (index == null || index >= row.cells().size() || row.cells().get(index) == null) {
            return "";
        }
        return row.cells().get(index).strip();
    }

    /** The groups a row may name: the bodies' and the recommending units', by id, by name and by unit name. */
    private Map<String, String> groupIdsByName() {
        Map<String, String> ids = new HashMap<>();
        for (Group group : identityService.createGroupQuery().list()) {
            String id = group.getId();
            if (AccessRules.BODY_GROUPS.containsKey(id) || id.startsWith(RecommendingUnit.GROUP_PREFIX)) {
                ids.put(id, id);
                if (group.getName() != null) {
                    ids.putIfAbsent(group.getName(), id);
                    if (group.getName().endsWith("党委")) {
                        ids.putIfAbsent(group.getName().substring(0, group.getName().length() - 2), id);
                    }
                }
            }
        }
        return ids;
    }

    private Result store(List<Person> people, String tenant) {
        int created = 0;
        List<Imported> imported = new ArrayList<>();
        for (Person person : people) {
            User user = identityService.createUserQuery().userId(person.userId()).singleResult();
            boolean isNew = user == null;
            if (isNew) {
                user = identityService.newUser(person.userId());
                created++;
            }
            // the webapps show "first name, space, last name": the whole name goes first, as Chinese writes it
            user.setFirstName(person.name());
            user.setLastName("");
            user.setEmail(person.email());
            String password = null;
            if (isNew) {
                password = initialPassword(user);
                user.setPassword(password);
            }
            identityService.saveUser(user);
            Set<String> current = new LinkedHashSet<>();
            identityService.createGroupQuery().groupMember(person.userId()).list()
                    .forEach(group -> current.add(group.getId()));
            for (String group : current) {
                boolean managed = AccessRules.BODY_GROUPS.containsKey(group)
                        || group.startsWith(RecommendingUnit.GROUP_PREFIX);
                if (managed && !person.groups().contains(group)) {
                    identityService.deleteMembership(person.userId(), group);
                }
            }
            for (String group : person.groups()) {
                if (!current.contains(group)) {
                    identityService.createMembership(person.userId(), group);
                }
            }
            if (tenant != null && !AccessRules.CENTRAL_BODIES.containsAll(person.groups())) {
                tenants.addMember(tenant, person.userId());
            }
            imported.add(new Imported(person.userId(), person.name(), password));
        }
        return new Result(created, people.size() - created, imported);
    }

    /**
     * A random password of 16 characters that meets the engine's password policy, when it is on (the demo profile
     * has it off), for this user: upper and lower case letters, digits and a special character, and not the user's
     * id, name or e-mail address in any case (a one-letter account's letter may not occur); without letters that are
     * easily misread (I, l, O, 0, 1).
     *
     * @throws IllegalStateException when no password of this kind meets the policy (one configured otherwise)
     */
    private String initialPassword(User user) {
        PasswordPolicy policy = identityService.getPasswordPolicy();
        for (int attempt = 0; attempt < 1_000; attempt++) {
            String password = randomPassword();
            if (policy == null || identityService.checkPasswordAgainstPolicy(policy, password, user).isValid()) {
                return password;
            }
        }
        throw new IllegalStateException("无法为账号 " + user.getId() + " 生成符合密码策略的初始密码，请检查密码策略的配置");
    }

    private static String randomPassword() {
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            password.append(PASSWORD_LETTERS.charAt(RANDOM.nextInt(PASSWORD_LETTERS.length())));
        }
        password.insert(RANDOM.nextInt(password.length() + 1), (char) ('A' + RANDOM.nextInt(8)));
        password.insert(RANDOM.nextInt(password.length() + 1), (char) ('a' + RANDOM.nextInt(8)));
        password.insert(RANDOM.nextInt(password.length() + 1), "-!#%".charAt(RANDOM.nextInt(4)));
        return password.append(2 + RANDOM.nextInt(8)).toString();
    }
}
