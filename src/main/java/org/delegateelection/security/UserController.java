package org.delegateelection.security;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.camunda.bpm.engine.authorization.Groups;
import org.delegateelection.api.Uploads;
import org.delegateelection.system.InvalidInputException;
import org.delegateelection.system.Sheets;
import org.delegateelection.system.TableFile;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * {@code /api/users}: the organization department (or an administrator) imports its people from a CSV or .xlsx file
 * ({@link UserImport}) into its electoral unit (or, for an administrator, the one named by the query parameter
 * {@code unit}), and downloads the template. The answer gives each new account's initial password once, as
 * JSON or, when the request accepts it, as an .xlsx to hand out; the passwords are kept nowhere else.
 */
@RestController
@RequestMapping("/api/users")
public class UserController {

    private static final String SAMPLE_ROW = "liming,李明,组织部,liming@example.org";

    private final UserImport userImport;
    private final Uploads uploads;

    /** Imports with {@code userImport}, reading uploads within the limit of {@code uploads}. */
    public UserController(UserImport userImport, Uploads uploads) {
        this.userImport = userImport;
        this.uploads = uploads;
    }

    /**
     * Imports a file sent as the request body (text/csv or .xlsx): 201 with what was done, as JSON or as an .xlsx
     * (账号, 姓名, 初始密码) when {@code Accept} names .xlsx.
     *
     * @param unit the electoral unit the people work for (the code of its first election): for an organization
     *             department its own, needed only when it belongs to several; for an administrator any, or none
     * @throws InvalidInputException (400) with every problem of the file, or naming {@code unit}; nothing stored then
     */
    @PostMapping(consumes = {Uploads.CSV, Uploads.XLSX})
    public ResponseEntity<?> importBody(@RequestHeader(HttpHeaders.CONTENT_TYPE) String contentType,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept,
            @RequestParam(name = "unit", required = false) String unit, InputStream body)
            throws IOException {
        return answer(userImport.importFile(Uploads.tableFormat(contentType, null).orElseThrow(), uploads.read(body),
                ApiSecurity.callerIsIn(Groups.CAMUNDA_ADMIN), unit), accept);
    }

    /** Imports a file uploaded as the multipart part {@code file} (.csv or .xlsx), answered as {@link #importBody}. */
    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    public ResponseEntity<?> importUpload(@RequestPart("file") MultipartFile file,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept,
            @RequestParam(name = "unit", required = false) String unit) throws IOException {
        TableFile.Format format = Uploads.tableFormat(file.getContentType(), file.getOriginalFilename())
                .orElseThrow(() -> InvalidInputException.field("file", "无法判断文件格式，请上传 .csv 或 .xlsx 文件"));
        return answer(userImport.importFile(format, file.getBytes(), ApiSecurity.callerIsIn(Groups.CAMUNDA_ADMIN),
                unit), accept);
    }

    /** The template: the columns and a sample row, as .xlsx. */
    @GetMapping(value = "/template.xlsx", produces = Uploads.XLSX)
    public ResponseEntity<byte[]> templateXlsx() {
        Sheets sheets = new Sheets();
        sheets.sheet("用户", null, UserImport.COLUMNS, List.of(List.of((Object[]) SAMPLE_ROW.split(","))));
        return attachment("用户导入模板.xlsx", Uploads.XLSX, sheets.toBytes());
    }

    /** The template as CSV (UTF-8 with a byte order mark, so that Excel reads the Chinese). */
    @GetMapping(value = "/template.csv", produces = Uploads.CSV)
    public ResponseEntity<byte[]> templateCsv() {
        String csv = "\uFEFF" + String.join(",", UserImport.COLUMNS) + "\r\n" + SAMPLE_ROW + "\r\n";
        return attachment("用户导入模板.csv", Uploads.CSV + ";charset=UTF-8", csv.getBytes(StandardCharsets.UTF_8));
    }

    private static ResponseEntity<?> answer(UserImport.Result result, String accept) {
        if (accept == null || !accept.contains(Uploads.XLSX)) {
            return ResponseEntity.status(HttpStatus.CREATED).contentType(MediaType.APPLICATION_JSON).body(result);
        }
        Sheets sheets = new Sheets();
        sheets.sheet("初始密码", "新建账号的初始密码仅在此提供一次，请当面或密封交给本人；已有账号的密码未改变",
                List.of("账号", "姓名", "初始密码"), result.people().stream()
                        .<List<?>>map(p -> List.of(p.userId(), p.name(),
                                p.initialPassword() == null ? "（已有账号，密码未改变）" : p.initialPassword()))
                        .toList());
        return ResponseEntity.status(HttpStatus.CREATED).contentType(MediaType.parseMediaType(Uploads.XLSX))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename*=UTF-8''initial-passwords.xlsx")
                .body(sheets.toBytes());
    }

    private static ResponseEntity<byte[]> attachment(String name, String type, byte[] content) {
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(type))
                .header(HttpHeaders.CONTENT_DISPOSITION, org.springframework.http.ContentDisposition.attachment()
                        .filename(name, StandardCharsets.UTF_8).build().toString())
                .body(content);
    }
}
