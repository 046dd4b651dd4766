package org.delegateelection.api;

import java.util.List;

import org.camunda.bpm.engine.OptimisticLockingException;
import org.delegateelection.system.ConflictException;
import org.delegateelection.system.InvalidInputException;
import org.delegateelection.system.NotFoundException;
import org.delegateelection.system.Problem;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Turns rejected input into 400, a file over the limit into 413 and a concurrent change into 409 with
 * {@link ApiError}, for the domain REST API under /api. The answer is JSON whatever the request accepts: a client
 * asking for a file (an .xlsx, a PDF) is told what is wrong rather than answered 500.
 */
@RestControllerAdvice(basePackages = "org.delegateelection")
public class ApiExceptionHandler {

    private final DataSize maxFileSize;

    /** Takes the file size limit of the multipart settings ({@code spring.servlet.multipart.max-file-size}). */
    public ApiExceptionHandler(@Value("${spring.servlet.multipart.max-file-size:1MB}") DataSize maxFileSize) {
        this.maxFileSize = maxFileSize;
    }

    /** 413 for a file over the limit, as a raw body or an upload. */
    @ExceptionHandler(MaxUploadSizeExceededException.class)
    public ResponseEntity<ApiError> fileTooLarge() {
        String limit = maxFileSize.toMegabytes() > 0 ? maxFileSize.toMegabytes() + " MB"
                : maxFileSize.toKilobytes() + " KB";
        return answer(HttpStatus.PAYLOAD_TOO_LARGE, new ApiError("文件过大，不能超过 " + limit, List.of()));
    }

    /** 400 for an upload without the part {@code file}. */
    @ExceptionHandler(MissingServletRequestPartException.class)
    public ResponseEntity<ApiError> missingFile() {
        return answer(HttpStatus.BAD_REQUEST, new ApiError("请在 file 字段中上传文件",
                List.of(new Problem(null, "file", "缺少文件"))));
    }

    /** 400 with the first problems found and their count. */
    @ExceptionHandler(InvalidInputException.class)
    public ResponseEntity<ApiError> invalidInput(InvalidInputException e) {
        return answer(HttpStatus.BAD_REQUEST, ApiError.of(e));
    }

    /** 400 for a body that is not JSON or whose values have the wrong type, naming the field where known. */
    @ExceptionHandler(HttpMessageNotReadableException.class)
    public ResponseEntity<ApiError> unreadable(HttpMessageNotReadableException e) {
        String field = null;
        if (e.getCause() instanceof JsonMappingException mapping
                && !mapping.getPath().isEmpty()) {
            field = mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b).orElse(null);
        }
        String reason = field == null ? "不是有效的JSON"
                : e.getCause() instanceof UnrecognizedPropertyException ? "未知字段" : "取值类型不正确";
        return answer(HttpStatus.BAD_REQUEST, new ApiError("请求内容无法读取",
                List.of(new Problem(null, field, reason))));
    }

    /** 400 for a missing query parameter, naming it. */
    @ExceptionHandler(MissingServletRequestParameterException.class)
    public ResponseEntity<ApiError> missingParameter(MissingServletRequestParameterException e) {
        return answer(HttpStatus.BAD_REQUEST, new ApiError("缺少请求参数",
                List.of(new Problem(null, e.getParameterName(), "不能为空"))));
    }

    /** 400 for a path or query parameter of the wrong type (e.g. an election id that is not a number). */
    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    public ResponseEntity<ApiError> wrongType(MethodArgumentTypeMismatchException e) {
        return answer(HttpStatus.BAD_REQUEST, new ApiError("请求参数有误",
                List.of(new Problem(null, e.getName(), "取值类型不正确"))));
    }

    /** 409 when another request changed the same election at the same moment: nothing was saved, send it again. */
    @ExceptionHandler(OptimisticLockingException.class)
    public ResponseEntity<ApiError> concurrentChange(OptimisticLockingException e) {
        return answer(HttpStatus.CONFLICT, new ApiError(EngineRestErrors.CONCURRENT_CHANGE, List.of()));
    }

    /** 409 with the reason when the state of the election refuses the request (closed, ballot printed, …). */
    @ExceptionHandler(ConflictException.class)
    public ResponseEntity<ApiError> conflict(ConflictException e) {
        return answer(HttpStatus.CONFLICT, new ApiError(e.getMessage(), List.of()));
    }

    /** 404 for an unknown election. */
    @ExceptionHandler(NotFoundException.class)
    public ResponseEntity<ApiError> notFound(NotFoundException e) {
        return answer(HttpStatus.NOT_FOUND, new ApiError(e.getMessage(), List.of()));
    }

    private static ResponseEntity<ApiError> answer(HttpStatus status, ApiError error) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(error);
    }
}
