package org.delegateelection.system;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Turns rejected input into 400 with {@link ApiError}, for the domain REST API under /api. */
@RestControllerAdvice(basePackages = "org.delegateelection")
public class ApiExceptionHandler {

    /** 400 with every problem found. */
    @ExceptionHandler(InvalidInputException.class)
    @ResponseStatus(HttpStatus.BAD_REQUEST)
    public ApiError invalidInput(InvalidInputException e) {
        return new ApiError(e.getMessage(), e.problems());
    }
}
